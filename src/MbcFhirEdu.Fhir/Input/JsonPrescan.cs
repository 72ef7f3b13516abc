using System.Text.Json;

namespace MbcFhirEdu.Fhir.Input;

/// <summary>
/// The first pass over a JSON input that can be read twice: checks the whole stream is JSON (so a broken file adds
/// nothing, and the error says where), tells NDJSON without the ".ndjson" extension (a first line that is a complete JSON
/// object, followed by another line), and whether the value is a Bundle, the one kind read entry by entry
/// (<see cref="BundleStream"/>). Holds one token at a time.
/// </summary>
internal static class JsonPrescan
{
    public enum Kind { Document, Bundle, Ndjson }

    /// <summary>What the input is, or the JSON error it meets first; TooLarge when one token is longer than the bound.</summary>
    public static (Kind Kind, JsonException? Error, bool TooLarge) Scan(Stream stream, JsonReaderOptions options, long maxHeld)
    {
        using var buffer = new JsonStreamBuffer(stream, options, maxHeld);
        var rootIsObject = false;
        var rootEnded = false;
        var rootEndedOnFirstLine = false;
        var resourceTypeNext = false;
        var bundle = false;
        while (true)
        {
            if (!buffer.Fill()) return (Kind.Document, null, true);
            var final = buffer.IsFinal;
            var reader = buffer.Reader();
            try
            {
                while (reader.Read())
                {
                    if (reader.CurrentDepth == 0 && reader.TokenType == JsonTokenType.StartObject) rootIsObject = true;
                    if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        resourceTypeNext = reader.ValueTextEquals("resourceType"u8);
                        continue;
                    }
                    if (resourceTypeNext) bundle = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("Bundle"u8);
                    resourceTypeNext = false;
                    if (reader.CurrentDepth == 0 && reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                    {
                        rootEnded = true;
                        rootEndedOnFirstLine = rootIsObject && !buffer.ConsumedNewline && !buffer.Unread[..(int)reader.BytesConsumed].Contains((byte)'\n');
                    }
                }
            }
            catch (JsonException exception)
            {
                // Content after a first-line object, on a later line: NDJSON (the lines are checked one by one later).
                if (rootEnded && rootEndedOnFirstLine && exception.LineNumber > 0) return (Kind.Ndjson, null, false);
                return (Kind.Document, exception, false);
            }
            buffer.Advance(reader);
            if (final) return (bundle && rootIsObject ? Kind.Bundle : Kind.Document, null, false);
        }
    }

    /// <summary>Whether a Start token lies deeper than <paramref name="maxDepth"/> before any syntax error (a depth overrun, not a typo).</summary>
    public static bool ExceedsDepth(Stream stream, int maxDepth, long maxHeld)
    {
        using var buffer = new JsonStreamBuffer(stream, new JsonReaderOptions { MaxDepth = int.MaxValue }, maxHeld);
        while (buffer.Fill())
        {
            var final = buffer.IsFinal;
            var reader = buffer.Reader();
            try
            {
                while (reader.Read())
                {
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= maxDepth) return true;
                }
            }
            catch (JsonException)
            {
                return false; // a syntax error before any overrun
            }
            buffer.Advance(reader);
            if (final) return false;
        }
        return false;
    }
}
