using System.Buffers;
using System.Text.Json;
using Hl7.Fhir.Model;

namespace MbcFhirEdu.Fhir.Input;

/// <summary>
/// Reads a Bundle entry by entry from a stream already checked to be JSON (<see cref="JsonPrescan"/>): each element of the
/// top-level <c>entry</c> array is held whole only until Firely has read it (<see cref="FhirJson.ReadEntry"/>) and it is
/// handed on; the Bundle's other members (resourceType, id, type, total, link: before or after the entries) are kept and
/// read at the end (<see cref="FhirJson.EndBundle"/>). Memory is bounded by the largest entry, not by the Bundle; a nested
/// Bundle is one entry and is read whole, depth-first, as before.
/// </summary>
internal sealed class BundleStream(Stream stream, JsonReaderOptions options, long maxEntryBytes)
{
    private enum Place { Start, Members, Entries, Done }

    /// <summary>Called with each entry as read (and its resource count); a non-null answer stops the read with that error.</summary>
    public delegate FhirReadError? EntryHandler(FhirJsonValue entry);

    /// <summary>Reads the Bundle; null when read whole, else the error (too large an entry, or the handler's).</summary>
    public FhirReadError? Read(string source, EntryHandler onEntry, Func<FhirJsonValue, FhirReadError?> onEnd)
    {
        using var buffer = new JsonStreamBuffer(stream, options, maxEntryBytes);
        var members = new ArrayBufferWriter<byte>();
        members.Write("{"u8);
        var entries = new List<Bundle.EntryComponent>();
        var bundleIssues = new List<(string Path, string Message)>();
        var place = Place.Start;
        var index = 0; // the entry's place in the array, as Firely's issue paths number it
        while (place != Place.Done)
        {
            if (!buffer.Fill())
            {
                var what = place == Place.Entries ? $"entry {index + 1} of the Bundle is" : "a member of the Bundle is";
                return new FhirReadError(FhirReadErrorKind.LimitExceeded, source,
                    $"{what} larger than {FhirReadLimits.Bytes(maxEntryBytes)} (limit FhirReadLimits.MaxFileBytes)");
            }
            var final = buffer.IsFinal;
            var reader = buffer.Reader();
            try
            {
                while (place != Place.Done)
                {
                    var checkpoint = reader;
                    if (!reader.Read())
                    {
                        reader = checkpoint;
                        break;
                    }
                    switch (place)
                    {
                        case Place.Start:
                            place = Place.Members;
                            continue;
                        case Place.Members when reader.TokenType == JsonTokenType.EndObject:
                            place = Place.Done;
                            continue;
                        case Place.Members:
                            var nameStart = (int)reader.TokenStartIndex;
                            var isEntry = reader.ValueTextEquals("entry"u8);
                            if (!reader.Read())
                            {
                                reader = checkpoint;
                                goto Refill;
                            }
                            if (isEntry && reader.TokenType == JsonTokenType.StartArray)
                            {
                                place = Place.Entries; // read one element at a time; a single entry object is read whole below
                                continue;
                            }
                            if (!reader.TrySkip())
                            {
                                reader = checkpoint;
                                goto Refill;
                            }
                            if (members.WrittenCount > 1) members.Write(","u8);
                            members.Write(buffer.Unread[nameStart..(int)reader.BytesConsumed]);
                            if (members.WrittenCount > maxEntryBytes) return TooLarge(source, "the Bundle's members other than its entries are");
                            continue;
                        case Place.Entries when reader.TokenType == JsonTokenType.EndArray:
                            place = Place.Members;
                            continue;
                        case Place.Entries:
                            var start = (int)reader.TokenStartIndex;
                            if (!reader.TrySkip())
                            {
                                reader = checkpoint;
                                goto Refill;
                            }
                            var document = new FhirJsonValue();
                            if (FhirJson.ReadEntry(buffer.Unread[start..(int)reader.BytesConsumed], index++, document, bundleIssues) is { } entry) entries.Add(entry);
                            if (onEntry(document) is { } error) return error;
                            continue;
                    }
                }
            }
            catch (JsonException exception)
            {
                // The stream changed after it was checked.
                return JsonErrors.From(exception, source, exceedsDepth: false, maxDepth: options.MaxDepth, firstLine: 1, firstColumnOffset: 0);
            }
            Refill:
            buffer.Advance(reader);
            if (final && place != Place.Done) return new FhirReadError(FhirReadErrorKind.InvalidJson, source, "invalid JSON: the input ended inside the Bundle");
        }
        members.Write("}"u8);
        var end = new FhirJsonValue();
        FhirJson.EndBundle(members.WrittenSpan, entries, bundleIssues, end);
        return onEnd(end);
    }

    private static FhirReadError TooLarge(string source, string what) => new(FhirReadErrorKind.LimitExceeded, source, what + " too large (limit FhirReadLimits.MaxFileBytes)");
}
