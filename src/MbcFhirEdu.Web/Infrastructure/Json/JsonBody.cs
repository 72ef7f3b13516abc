using System.Text.Json;
using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Web.Infrastructure.Json;

/// <summary>
/// Parses a request body as JSON, refusing bytes that are not UTF-8 before they are parsed. System.Text.Json checks
/// the JSON's structure when it parses but a string's UTF-8 only when the string is read, so invalid bytes inside a
/// string got past the parse and threw later, deep in a handler, as a 500 (issue 15). Checking once up front turns
/// them into the same clear 400 as any other malformed body. Two more things JSON parsers disagree on are refused the
/// same way (RFC 8259 §4 and §6 leave them to the implementation): a key twice in one object (which one would count?)
/// and a number no double can hold (<c>1e400</c>), so no later reader meets them.
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
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, options);
        }
        catch (JsonException e)
        {
            return (null, $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
        }
        if (Ambiguity(body.Span, options) is { } error)
        {
            document.Dispose();
            return (null, error);
        }
        return (document, null);
    }

    /// <summary>The first duplicate key or unrepresentable number in an already well-formed body, or null.</summary>
    private static string? Ambiguity(ReadOnlySpan<byte> body, JsonDocumentOptions options)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions
        {
            CommentHandling = options.CommentHandling,
            AllowTrailingCommas = options.AllowTrailingCommas,
            MaxDepth = options.MaxDepth,
        });
        var keys = new Stack<HashSet<string>>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    keys.Push(new HashSet<string>(StringComparer.Ordinal));
                    break;
                case JsonTokenType.EndObject:
                    keys.Pop();
                    break;
                case JsonTokenType.PropertyName when !keys.Peek().Add(reader.GetString()!):
                    return $"The body names the key '{Shorten(reader.GetString()!)}' twice in one object ({Where(body, reader.TokenStartIndex)}).";
                case JsonTokenType.Number when !(reader.TryGetDouble(out var number) && double.IsFinite(number)):
                    return $"The body holds a number out of range ({Where(body, reader.TokenStartIndex)}): JSON numbers here must fit a double.";
            }
        }
        return null;
    }

    private static string Where(ReadOnlySpan<byte> body, long offset)
    {
        var (line, column) = Utf8Text.Position(body, (int)offset);
        return $"line {line}, byte {column}";
    }

    private static string Shorten(string name) => name.Length <= 40 ? name : name[..40] + "…";
}
