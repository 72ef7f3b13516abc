using System.Text.Json;
using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Web.Infrastructure.Json;

/// <summary>
/// Parses a request body as JSON, refusing bytes that are not UTF-8 before they are parsed. System.Text.Json checks
/// the JSON's structure when it parses but a string's UTF-8 only when the string is read, so invalid bytes inside a
/// string got past the parse and threw later, deep in a handler, as a 500 (issue 15). Checking once up front turns
/// them into the same clear 400 as any other malformed body.
/// </summary>
public static class JsonBody
{
    /// <summary>The document, or why the body is not JSON (naming the line and byte, never the content).</summary>
    public static (JsonDocument? Document, string? Error) Parse(ReadOnlyMemory<byte> body, JsonDocumentOptions options)
    {
        var invalid = Utf8Text.FirstInvalidByte(body.Span);
        if (invalid >= 0)
        {
            var (line, column) = Utf8Text.Position(body.Span, invalid);
            return (null, $"The body is not valid UTF-8 (line {line}, byte {column}).");
        }
        try
        {
            return (JsonDocument.Parse(body, options), null);
        }
        catch (JsonException e)
        {
            return (null, $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
        }
    }
}
