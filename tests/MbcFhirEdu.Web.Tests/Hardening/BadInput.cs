using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MbcFhirEdu.Web.Tests.Hardening;

/// <summary>
/// The bad requests every write endpoint is probed with, made from one good request of the route's kind: bytes that
/// are not UTF-8, a Content-Type the route does not read, a key given twice, a number no reader can hold, a body cut
/// short. And what an answer to them must look like: a 4xx that says what was wrong, never a stack trace.
/// </summary>
public static partial class BadInput
{
    public static readonly string[] Probes = ["invalid-utf8", "wrong-content-type", "duplicate-key", "number-out-of-range", "malformed"];

    /// <summary>A JSON route's probe: the body and its Content-Type, from a good JSON object <paramref name="template"/>.</summary>
    public static HttpContent Json(string probe, string template, string mediaType = "application/json")
    {
        Assert.StartsWith("{", template, StringComparison.Ordinal);
        var rest = template[1..];
        var first = FirstProperty(template);
        return probe switch
        {
            "invalid-utf8" => Bytes([.. "{\"probe\":\"a"u8, 0xFF, .. "b\","u8, .. Encoding.UTF8.GetBytes(rest)], mediaType),
            "wrong-content-type" => new StringContent(template, Encoding.UTF8, "text/plain"),
            "duplicate-key" => new StringContent("{" + first + "," + rest, Encoding.UTF8, mediaType),
            "number-out-of-range" => new StringContent("{\"probe\":1e400," + rest, Encoding.UTF8, mediaType),
            "malformed" => new StringContent(template[..^1], Encoding.UTF8, mediaType),
            _ => throw new ArgumentOutOfRangeException(nameof(probe)),
        };
    }

    /// <summary>A form route's probe, from the good form <paramref name="fields"/> (the last field gets the out-of-range number).</summary>
    public static HttpContent Form(string probe, IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        string Encode(IEnumerable<KeyValuePair<string, string>> f) => string.Join('&', f.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        const string formType = "application/x-www-form-urlencoded";
        return probe switch
        {
            "invalid-utf8" => Bytes([.. Encoding.UTF8.GetBytes(Encode(fields) + "&note=a"), 0xFF, .. "b"u8], formType),
            "wrong-content-type" => new StringContent(JsonSerializer.Serialize(fields.ToDictionary(f => f.Key, f => f.Value)), Encoding.UTF8, "application/json"),
            "duplicate-key" => new StringContent(Encode([fields[0], .. fields]), Encoding.UTF8, formType),
            "number-out-of-range" => new StringContent(Encode([.. fields.SkipLast(1), new(fields[^1].Key, "99999999999")]), Encoding.UTF8, formType),
            // multipart without its boundary: no form can be read from it.
            "malformed" => Bytes(Encoding.UTF8.GetBytes(Encode(fields)), "multipart/form-data"),
            _ => throw new ArgumentOutOfRangeException(nameof(probe)),
        };
    }

    /// <summary>What the answer to a bad request says was wrong: problem details' detail, an OperationOutcome's diagnostics,
    /// an error object's message, or an error page's heading and text. Fails on a stack trace anywhere.</summary>
    public static async Task<string> ProblemAsync(HttpResponseMessage response, string where)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.False(StackTrace().IsMatch(body), $"{where}: the answer carries a stack trace: {Shorten(body)}");
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        if (mediaType.EndsWith("json", StringComparison.Ordinal))
        {
            var root = JsonDocument.Parse(body).RootElement;
            foreach (var name in new[] { "detail", "message", "error_description" })
                if (root.TryGetProperty(name, out var text) && text.GetString() is { Length: > 0 } s) return s;
            if (root.TryGetProperty("issue", out var issues) && issues[0].TryGetProperty("diagnostics", out var d)) return d.GetString() ?? "";
            return "";
        }
        var page = PageMessage().Match(body);
        return page.Success ? page.Groups[1].Value + ": " + page.Groups[2].Value : "";
    }

    public static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private static string FirstProperty(string template)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(template));
        reader.Read();
        reader.Read();
        var start = (int)reader.TokenStartIndex;
        reader.Read();
        reader.Skip();
        return Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(template)[start..(int)reader.BytesConsumed]);
    }

    private static ByteArrayContent Bytes(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        return content;
    }

    [GeneratedRegex(@"\n\s+at [\w.`<>]+\(|\.cs:line \d+|\w+Exception: ")]
    private static partial Regex StackTrace();

    [GeneratedRegex(@"<h1>(.+?)</h1>\s*<p>(.+?)</p>", RegexOptions.Singleline)]
    private static partial Regex PageMessage();
}
