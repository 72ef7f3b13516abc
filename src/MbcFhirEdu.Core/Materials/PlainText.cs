using System.Text;
using System.Text.RegularExpressions;

namespace MbcFhirEdu.Core.Materials;

/// <summary>
/// Markdown → sentences → words, exactly as <c>tools/readability.py</c> does it. Python's <c>\s</c> and
/// <c>str.strip()</c> also treat U+001C–U+001F as whitespace, which .NET does not; the patterns add them
/// so that odd control characters cannot make the two implementations disagree.
/// </summary>
internal static partial class PlainText
{
    /// <summary>Python reads text files with universal newlines: CRLF and CR both become LF.</summary>
    public static string NormalizeNewlines(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n');

    /// <summary>Python's full lower-casing differs from .NET's simple mapping only for U+0130 (İ → i + U+0307).</summary>
    public static string Lower(string text) => text.Replace("\u0130", "i\u0307").ToLowerInvariant();

    public static List<string> Sentences(string body)
    {
        var sentences = new List<string>();
        var paragraph = new List<string>();
        void Flush()
        {
            if (paragraph.Count > 0)
            {
                sentences.AddRange(SplitText(string.Join(' ', paragraph)));
                paragraph.Clear();
            }
        }
        foreach (var raw in body.Split('\n'))
        {
            var line = PyStrip(raw);
            if (line.Length == 0 || Heading().IsMatch(raw))
            {
                Flush();
                continue;
            }
            var item = ListItem().Match(line);
            if (item.Success)
            {
                Flush();
                sentences.AddRange(SplitText(item.Groups[2].Value));
                continue;
            }
            paragraph.Add(line);
        }
        Flush();
        return sentences.Where(s => Words(s).Any()).ToList();
    }

    public static IEnumerable<string> Words(string sentence) =>
        Word().Matches(sentence).Select(m => m.Value).Where(w => WordCharacter().IsMatch(w));

    private static IEnumerable<string> SplitText(string text)
    {
        var cleaned = CleanInline(text);
        return SentenceBreak().Split(PyStrip(cleaned)).Where(p => PyStrip(p).Length > 0);
    }

    private static string CleanInline(string text)
    {
        text = LinkOrImage().Replace(text, "$1");
        text = BareUrl().Replace(text, " ");
        return Markup().Replace(text, " ");
    }

    private static bool IsPySpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';

    private static string PyStrip(string s)
    {
        int start = 0, end = s.Length;
        while (start < end && IsPySpace(s[start]))
        {
            start++;
        }
        while (end > start && IsPySpace(s[end - 1]))
        {
            end--;
        }
        return s[start..end];
    }

    [GeneratedRegex(@"^[\s\x1c-\x1f]{0,3}#{1,6}[\s\x1c-\x1f]", RegexOptions.CultureInvariant)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^([-*+]|\d+[.)])[\s\x1c-\x1f]+(.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ListItem();

    [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)", RegexOptions.CultureInvariant)]
    private static partial Regex LinkOrImage();

    [GeneratedRegex(@"<?https?://[^\s\x1c-\x1f]+>?", RegexOptions.CultureInvariant)]
    private static partial Regex BareUrl();

    [GeneratedRegex("[*_`>]", RegexOptions.CultureInvariant)]
    private static partial Regex Markup();

    [GeneratedRegex(@"(?<=[.!?])[""'”’)]*[\s\x1c-\x1f]+", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"[A-Za-z0-9\u00C0-\u017F'’]+(?:-[A-Za-z0-9\u00C0-\u017F'’]+)*", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    [GeneratedRegex(@"[A-Za-z0-9\u00C0-\u017F]", RegexOptions.CultureInvariant)]
    private static partial Regex WordCharacter();
}
