using System.Buffers;
using System.Text.Json;
using MbcFhirEdu.Fhir.Reading;
using MbcFhirEdu.Fhir.Resources;

namespace MbcFhirEdu.Fhir.Input;

/// <summary>
/// Loads one input into a <see cref="ResourceSet"/>: a single JSON resource (any Bundle included) read in one
/// forward pass over one pooled buffer, or NDJSON (Bulk Data, one resource per line) read line by line.
/// </summary>
internal sealed class InputLoader
{
    private static ReadOnlySpan<byte> Whitespace => " \t\r\n"u8;
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private readonly string _source;
    private readonly FhirReadLimits _limits;
    private readonly ResourceCollector _collector;
    private readonly JsonReaderOptions _options;
    private readonly ResourceSet _set;
    private readonly bool _tolerant;
    private readonly List<long> _skippedLines = [];

    // Bundle entries of real records take about 0.5–2 KB each; sizing the set for one per 512 bytes up front spares it
    // the copies of growing one resource at a time (it still grows past that, up to MaxResources).
    private const int BytesPerResourceEstimate = 512;
    // Distinct short strings (codes, dates, references) come at about one per 2 KB in the records measured.
    private const int BytesPerPooledStringEstimate = 2048;

    /// <param name="tolerant">
    /// Reading one file of a folder: each JSON document is checked whole before any of it is added (so a broken file adds
    /// nothing half-read), and an NDJSON line that is not a FHIR resource, or not JSON, is skipped with a warning.
    /// </param>
    public InputLoader(string source, FhirReadLimits limits, ResourceSet set, bool tolerant = false)
    {
        _tolerant = tolerant;
        _source = source;
        _limits = limits;
        _set = set;
        _collector = new ResourceCollector(set, limits);
        _options = new JsonReaderOptions { MaxDepth = limits.MaxDepth };
    }

    /// <summary>How many repeated values were stepped over unread so far (see <see cref="RepeatedValues"/>).</summary>
    internal int Steps => _collector.Steps;

    public FhirReadError? Load(Stream stream, bool ndjson)
    {
        if (ndjson) return LoadLines(stream);
        var buffer = ReadAll(stream, out var length);
        try
        {
            if (length > _limits.MaxFileBytes) return TooLarge();
            _set.EnsureCapacity((int)Math.Min(length / BytesPerResourceEstimate, _limits.MaxResources));
            _collector.EnsureStringCapacity(length / BytesPerPooledStringEstimate);
            var bom = buffer.AsSpan(0, length).StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
            var json = buffer.AsMemory(bom, length - bom);
            if (!LooksLikeNdjson(json.Span)) return LoadDocument(json, firstLine: 1, columnOffset: bom);
            using var lines = new MemoryStream(buffer, bom, length - bom, writable: false);
            return LoadLines(lines);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private FhirReadError? LoadLines(Stream stream)
    {
        using var lines = new NdjsonLineReader(stream, _limits.MaxNdjsonLineBytes, _limits.MaxFileBytes);
        while (true)
        {
            switch (lines.Next(out var line))
            {
                case NdjsonLineReader.Status.End:
                    WarnSkippedLines();
                    return null;
                case NdjsonLineReader.Status.TooLarge:
                    return TooLarge();
                case NdjsonLineReader.Status.LineTooLong:
                    return new FhirReadError(FhirReadErrorKind.LimitExceeded, _source,
                        $"line {lines.LineNumber} is longer than {FhirReadLimits.Bytes(_limits.MaxNdjsonLineBytes)} (limit FhirReadLimits.MaxNdjsonLineBytes)",
                        lines.LineNumber, 1);
            }
            var start = lines.LineNumber == 1 && line.Span.StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
            var firstNonBlank = line.Span[start..].IndexOfAnyExcept(Whitespace);
            if (firstNonBlank < 0) continue; // blank lines are allowed between resources
            var leading = start + firstNonBlank;
            var json = line[leading..].TrimEnd(Whitespace);
            if (LoadDocument(json, lines.LineNumber, leading) is not { } error) continue;
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

    private FhirReadError? LoadDocument(ReadOnlyMemory<byte> json, long firstLine, long columnOffset)
    {
        if (_tolerant && JsonErrors.FirstError(json.Span, _options) is { } invalid)
            return JsonErrors.From(invalid, _source, json.Span, _limits.MaxDepth, firstLine, columnOffset);
        var reader = new Utf8JsonReader(json.Span, _options);
        _collector.Source = json; // positions the reader reports are offsets into json
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
                return NotFhir($"the JSON value is {JsonValues.KindWithArticle(reader.TokenType)}, not a FHIR resource", firstLine, columnOffset);
            if (FhirJsonReader.PeekResourceType(reader) is not { } type)
                return NotFhir("not a FHIR resource: the JSON object has no resourceType", firstLine, columnOffset);
            if (!_collector.TryAdd(ref reader, type))
            {
                return new FhirReadError(FhirReadErrorKind.LimitExceeded, _source,
                    $"more than {_limits.MaxResources:N0} resources (limit FhirReadLimits.MaxResources)", firstLine, columnOffset + 1);
            }
            reader.Read(); // anything but whitespace after the resource is invalid JSON
            return null;
        }
        catch (JsonException exception)
        {
            var first = JsonErrors.FirstError(json.Span, _options) ?? exception;
            return JsonErrors.From(first, _source, json.Span, _limits.MaxDepth, firstLine, columnOffset);
        }
        finally
        {
            _collector.Source = default;
        }
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

    private FhirReadError NotFhir(string message, long line, long columnOffset) =>
        new(FhirReadErrorKind.NotFhir, _source, message, line, columnOffset + 1);
}
