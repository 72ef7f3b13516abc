using System.Buffers;
using System.Text.Json;
using MbcFhirEdu.Fhir.Mapping;
using MbcFhirEdu.Fhir.Grouping;

namespace MbcFhirEdu.Fhir.Input;

/// <summary>
/// Reads one input into a <see cref="ResourceSet"/>. A stream that can be read twice is checked first (<see cref="JsonPrescan"/>:
/// JSON at all, NDJSON without the extension, a Bundle or not); a Bundle is then read entry by entry (<see cref="BundleStream"/>),
/// each entry bounded by <see cref="FhirReadLimits.MaxFileBytes"/>, and any other JSON document is held whole under the
/// same bound (as is everything from a stream that cannot seek). NDJSON (Bulk Data, one resource per line) is streamed
/// line by line, bounded by <see cref="FhirReadLimits.MaxNdjsonLineBytes"/> and <see cref="FhirReadLimits.MaxResources"/>
/// but not by its length. Each resource is mapped as it is added, and only its record is kept (see <see cref="KeptResource"/>).
/// </summary>
internal sealed class InputReader
{
    private static ReadOnlySpan<byte> Whitespace => " \t\r\n"u8;
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private readonly string _source;
    private readonly FhirReadLimits _limits;
    private readonly ResourceSet _set;
    private readonly bool _tolerant;
    private readonly JsonReaderOptions _options;
    private readonly List<long> _skippedLines = [];

    /// <param name="tolerant">
    /// Reading one file of a folder: an NDJSON line that is not a FHIR resource, or not JSON, is skipped with a warning.
    /// </param>
    public InputReader(string source, FhirReadLimits limits, ResourceSet set, bool tolerant = false)
    {
        _source = source;
        _limits = limits;
        _set = set;
        _tolerant = tolerant;
        _options = new JsonReaderOptions { MaxDepth = limits.MaxDepth };
    }

    public FhirReadError? Read(Stream stream, bool ndjson)
    {
        if (ndjson) return ReadLines(stream);
        if (!stream.CanSeek) return ReadWhole(stream);
        // A stream that can be read twice: checked first (a broken file adds nothing, the error says where), then a Bundle
        // is read entry by entry and anything else whole.
        var origin = stream.Position;
        Span<byte> head = stackalloc byte[Utf8Bom.Length];
        var bom = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.SequenceEqual(Utf8Bom) ? Utf8Bom.Length : 0;
        stream.Position = origin + bom;
        var (kind, invalid, tooLarge) = JsonPrescan.Scan(stream, _options, _limits.MaxFileBytes);
        if (tooLarge)
        {
            return new FhirReadError(FhirReadErrorKind.LimitExceeded, _source,
                $"a single JSON string is longer than {FhirReadLimits.Bytes(_limits.MaxFileBytes)} (limit FhirReadLimits.MaxFileBytes)");
        }
        if (invalid is not null)
        {
            stream.Position = origin + bom;
            var deep = JsonPrescan.ExceedsDepth(stream, _limits.MaxDepth, _limits.MaxFileBytes);
            return JsonErrors.From(invalid, _source, deep, _limits.MaxDepth, firstLine: 1, firstColumnOffset: bom);
        }
        if (kind != JsonPrescan.Kind.Bundle)
        {
            stream.Position = origin;
            return kind == JsonPrescan.Kind.Ndjson ? ReadLines(stream) : ReadWhole(stream);
        }
        stream.Position = origin + bom;
        try
        {
            return new BundleStream(stream, _options, _limits.MaxFileBytes).Read(_source,
                entry => Take(entry, firstLine: 1, columnOffset: bom), end => Take(end, firstLine: 1, columnOffset: bom));
        }
        finally
        {
            _set.MapPending();
        }
    }

    // A stream read once: held whole, up to MaxFileBytes.
    private FhirReadError? ReadWhole(Stream stream)
    {
        var buffer = ReadAll(stream, out var length);
        try
        {
            if (length > _limits.MaxFileBytes) return TooLarge();
            var bom = buffer.AsSpan(0, length).StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
            var json = buffer.AsSpan(bom, length - bom);
            if (!LooksLikeNdjson(json)) return ReadDocument(json, firstLine: 1, columnOffset: bom);
            using var lines = new MemoryStream(buffer, bom, length - bom, writable: false);
            return ReadLines(lines);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private FhirReadError? ReadLines(Stream stream)
    {
        using var lines = new NdjsonLineReader(stream, _limits.MaxNdjsonLineBytes);
        while (true)
        {
            switch (lines.Next(out var line))
            {
                case NdjsonLineReader.Status.End:
                    WarnSkippedLines();
                    return null;
                case NdjsonLineReader.Status.LineTooLong:
                    return new FhirReadError(FhirReadErrorKind.LimitExceeded, _source,
                        $"line {lines.LineNumber} is longer than {FhirReadLimits.Bytes(_limits.MaxNdjsonLineBytes)} (limit FhirReadLimits.MaxNdjsonLineBytes)",
                        lines.LineNumber, 1);
            }
            var start = lines.LineNumber == 1 && line.Span.StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
            var firstNonBlank = line.Span[start..].IndexOfAnyExcept(Whitespace);
            if (firstNonBlank < 0) continue; // blank lines are allowed between resources
            var leading = start + firstNonBlank;
            if (ReadDocument(line.Span[leading..].TrimEnd(Whitespace), lines.LineNumber, leading) is not { } error) continue;
            if (!_tolerant || error.Kind is not (FhirReadErrorKind.NotFhir or FhirReadErrorKind.InvalidJson)) return error;
            _skippedLines.Add(lines.LineNumber);
        }
    }

    // One warning per file for its skipped lines (a Bulk Data log.ndjson may have thousands), naming the first few.
    private void WarnSkippedLines()
    {
        if (_skippedLines.Count == 0) return;
        const int Named = 5;
        var named = string.Join(", ", _skippedLines.Take(Named)) + (_skippedLines.Count > Named ? ", …" : "");
        var what = _skippedLines.Count == 1 ? "line is not a FHIR resource" : "lines are not FHIR resources";
        _set.AddWarning($"{_source}: {_skippedLines.Count} {what} (line {named}); skipped");
    }

    // One JSON value: checked whole first (a broken document adds nothing, and the error says where), then read by Firely.
    private FhirReadError? ReadDocument(ReadOnlySpan<byte> json, long firstLine, long columnOffset)
    {
        if (JsonErrors.FirstError(json, _options) is { } invalid) return JsonErrors.From(invalid, _source, json, _limits.MaxDepth, firstLine, columnOffset);
        if (Utf8Text.FirstInvalidByte(json) is var bad and >= 0)
        {
            var (line, column) = Utf8Text.Position(json, bad);
            return new FhirReadError(FhirReadErrorKind.InvalidJson, _source, "invalid JSON: a byte that is not UTF-8 inside the text",
                firstLine + line - 1, line == 1 ? columnOffset + column : column);
        }
        var error = Take(FhirJson.Read(json), firstLine, columnOffset);
        _set.MapPending();
        return error;
    }

    // One JSON value, or one entry of a Bundle read entry by entry, into the set (its count checked first).
    private FhirReadError? Take(FhirJsonValue document, long firstLine, long columnOffset)
    {
        if (document.Error is { } notFhir) return new FhirReadError(FhirReadErrorKind.NotFhir, _source, notFhir, firstLine, columnOffset + 1);
        _set.Counted += document.Resources;
        if (_set.Counted > _limits.MaxResources)
        {
            return new FhirReadError(FhirReadErrorKind.LimitExceeded, _source,
                $"more than {_limits.MaxResources:N0} resources (limit FhirReadLimits.MaxResources)", firstLine, columnOffset + 1);
        }
        _set.AddPart(document.Entries);
        foreach (var warning in document.Warnings) _set.AddWarning(warning);
        return null;
    }

    // NDJSON without the .ndjson extension: the first line is a complete JSON object and another line follows.
    // The cheap test (is there anything after the first newline?) runs first, so ordinary files are not tokenised twice.
    private static bool LooksLikeNdjson(ReadOnlySpan<byte> json)
    {
        var newline = json.IndexOf((byte)'\n');
        if (newline < 0 || json[(newline + 1)..].IndexOfAnyExcept(Whitespace) < 0) return false;
        var first = json[..newline].Trim(Whitespace);
        if (first.IsEmpty || first[0] != (byte)'{') return false;
        var reader = new Utf8JsonReader(first);
        try
        {
            while (reader.Read())
            {
            }
            return reader.BytesConsumed == first.Length;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // Reads the whole stream into one pooled buffer (sized from Length when seekable); stops one block past the limit.
    private byte[] ReadAll(Stream stream, out int length)
    {
        var cap = (int)Math.Min(_limits.MaxFileBytes + 1, Array.MaxLength);
        var initial = stream.CanSeek ? (int)Math.Clamp(stream.Length - stream.Position + 1, 1, cap) : Math.Min(64 * 1024, cap);
        var buffer = ArrayPool<byte>.Shared.Rent(initial);
        length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length >= cap) return buffer;
                var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, cap));
                Buffer.BlockCopy(buffer, 0, larger, 0, length);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }
            var read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0) return buffer;
            length += read;
        }
    }

    private FhirReadError TooLarge() => new(FhirReadErrorKind.LimitExceeded, _source,
        $"the input is larger than {FhirReadLimits.Bytes(_limits.MaxFileBytes)} (limit FhirReadLimits.MaxFileBytes)");
}
