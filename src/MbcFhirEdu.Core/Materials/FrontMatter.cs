namespace MbcFhirEdu.Core.Materials;

/// <summary>
/// Splits a material file into YAML front matter and Markdown body the way <c>tools/readability.py</c> does:
/// the text must start with "---\n" and the front matter ends at the next "\n---\n".
/// </summary>
/// <param name="Yaml">The YAML text, or null when the file has no front matter.</param>
/// <param name="Body">Everything after the closing line (the whole text when there is no front matter).</param>
/// <param name="BodyLine">1-based line of the file where <paramref name="Body"/> starts.</param>
public sealed record FrontMatter(string? Yaml, string Body, int BodyLine)
{
    /// <summary>Splits <paramref name="text"/> after normalising CRLF/CR to LF.</summary>
    public static FrontMatter Split(string text)
    {
        text = PlainText.NormalizeNewlines(text);
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            return new FrontMatter(null, text, 1);
        }
        var end = text.IndexOf("\n---\n", 4, StringComparison.Ordinal);
        if (end < 0)
        {
            return new FrontMatter(null, text, 1);
        }
        var bodyStart = end + 5;
        var bodyLine = text.AsSpan(0, bodyStart).Count('\n') + 1;
        return new FrontMatter(text[4..end], text[bodyStart..], bodyLine);
    }
}
