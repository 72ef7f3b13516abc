using System.Text.Json;

namespace MbcFhirEdu.Fhir.Input;

/// <summary>Turns a <see cref="JsonException"/> into a positioned <see cref="FhirReadError"/>.</summary>
internal static class JsonErrors
{
    /// <param name="firstLine">1-based file line where <paramref name="json"/> starts.</param>
    /// <param name="firstColumnOffset">Bytes before <paramref name="json"/> on its first line (e.g. a BOM or indentation).</param>
    public static FhirReadError From(JsonException exception, string source, ReadOnlySpan<byte> json, int maxDepth, long firstLine, long firstColumnOffset) =>
        From(exception, source, ExceedsDepth(json, maxDepth), maxDepth, firstLine, firstColumnOffset);

    /// <param name="exceedsDepth">Whether the failure is a depth overrun rather than a syntax error (a stream's caller rescans it).</param>
    public static FhirReadError From(JsonException exception, string source, bool exceedsDepth, int maxDepth, long firstLine, long firstColumnOffset)
    {
        var lineInJson = exception.LineNumber ?? 0;
        var line = firstLine + lineInJson;
        var column = (lineInJson == 0 ? firstColumnOffset : 0) + (exception.BytePositionInLine ?? 0) + 1;
        return exceedsDepth
            ? new FhirReadError(FhirReadErrorKind.LimitExceeded, source,
                $"JSON is nested deeper than {maxDepth} levels (limit FhirReadLimits.MaxDepth)", line, column)
            : new FhirReadError(FhirReadErrorKind.InvalidJson, source, "invalid JSON: " + Describe(exception), line, column);
    }

    /// <summary>
    /// The error a plain reading of <paramref name="json"/> meets first, or null: input that is not JSON fails here,
    /// with its line and column, before Firely (which reports positions of its own kind) reads it.
    /// </summary>
    public static JsonException? FirstError(ReadOnlySpan<byte> json, JsonReaderOptions options)
    {
        var reader = new Utf8JsonReader(json, options);
        try
        {
            while (reader.Read())
            {
            }
            return null;
        }
        catch (JsonException exception)
        {
            return exception;
        }
    }

    // The parser reports depth overruns as ordinary JsonExceptions; only on this failure path, rescan
    // with no depth bound to tell a depth overrun from a syntax error.
    private static bool ExceedsDepth(ReadOnlySpan<byte> json, int maxDepth)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = int.MaxValue });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= maxDepth) return true;
            }
        }
        catch (JsonException)
        {
            // A syntax error before any overrun.
        }
        return false;
    }

    // System.Text.Json appends its own 0-based position ("LineNumber: 2 | BytePositionInLine: 10."); ours is 1-based.
    private static string Describe(JsonException exception)
    {
        var message = exception.Message;
        var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (position >= 0) message = message[..position];
        return message.ReplaceLineEndings(" ").Trim();
    }
}
