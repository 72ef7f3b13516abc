using System.Text.RegularExpressions;

namespace MbcFhirEdu.Core.Materials;

/// <summary>
/// Reading-level figures for a material's Markdown body: a faithful port of <c>tools/readability.py</c>
/// (the reference the writers run), so the C# check and the script always agree.
/// </summary>
/// <remarks>
/// <para>Flesch-Kincaid grade (English):
/// <c>FK = 0.39 · words / sentences + 11.8 · syllables / words − 15.59</c>; at most 8 per English file.</para>
/// <para>Fernández-Huerta reading ease (Spanish):
/// <c>FH = 206.84 − 60 · syllables / words − 1.02 · words / sentences</c>; at least 60 per Spanish file.</para>
/// <para>Words and sentences are floored at 1. Counting rules: headings are skipped; each list item and
/// each paragraph is split after <c>. ! ?</c> (optionally followed by closing quotes or brackets) and
/// whitespace; a list item always ends a sentence; link text counts, URLs do not. A word is a run of
/// letters (including Latin-1/Latin Extended-A accents), digits and apostrophes, hyphen-joined runs
/// being one word. English syllables are vowel groups (<c>aeiouy</c>) per hyphen part, less a silent
/// final <c>e</c> (not <c>-le</c>, <c>-ee</c>) and a silent <c>-ed</c> (not <c>-ted</c>, <c>-ded</c>),
/// at least one per part; Spanish syllables count one per vowel group, or one per strong vowel
/// (<c>a e o</c> and accented vowels) when a group holds several, so hiatus splits and diphthongs do not.</para>
/// </remarks>
public static partial class Readability
{
    /// <summary>Measures a Markdown body (front matter already removed) in <paramref name="language"/> ("es" or anything else = English).</summary>
    public static ReadabilityScore Measure(string markdownBody, string language)
    {
        var spanish = language == "es";
        var sentences = PlainText.Sentences(PlainText.NormalizeNewlines(markdownBody));
        int wordCount = 0, syllables = 0;
        foreach (var sentence in sentences)
        {
            foreach (var word in PlainText.Words(sentence))
            {
                wordCount++;
                syllables += spanish ? SyllablesEs(word) : SyllablesEn(word);
            }
        }
        int nw = Math.Max(1, wordCount), ns = Math.Max(1, sentences.Count);
        // Same operation order as the script, so the doubles are bit-identical before rounding.
        var fk = 0.39 * nw / ns + 11.8 * syllables / nw - 15.59;
        var fh = 206.84 - 60.0 * syllables / nw - 1.02 * nw / ns;
        return new ReadabilityScore(wordCount, sentences.Count, syllables, PythonRound.ToTwoDecimals(fk), PythonRound.ToTwoDecimals(fh));
    }

    /// <summary>English syllables of one word, per the rules in the type remarks.</summary>
    public static int SyllablesEn(string word)
    {
        var total = 0;
        foreach (var part in PlainText.Lower(word).Split('-'))
        {
            var w = NotAsciiLetter().Replace(part, "");
            if (w.Length == 0)
            {
                total += part.Any(char.IsAsciiDigit) ? 1 : 0;
                continue;
            }
            var n = VowelGroupEn().Count(w);
            if (n > 1 && w.EndsWith('e') && !SilentLeEnding().IsMatch(w) && !w.EndsWith("ee", StringComparison.Ordinal))
            {
                n--;
            }
            if (n > 1 && EdEnding().IsMatch(w) && !TedDedEnding().IsMatch(w))
            {
                n--;
            }
            total += Math.Max(1, n);
        }
        return Math.Max(1, total);
    }

    /// <summary>Spanish syllables of one word, per the rules in the type remarks.</summary>
    public static int SyllablesEs(string word)
    {
        var total = 0;
        foreach (var part in PlainText.Lower(word).Split('-'))
        {
            var w = NotSpanishLetter().Replace(part, "");
            if (w.Length == 0)
            {
                total += part.Any(char.IsAsciiDigit) ? 1 : 0;
                continue;
            }
            var n = 0;
            foreach (Match group in VowelGroupEs().Matches(w))
            {
                var strong = group.Value.Count(c => "aeoáéíóú".Contains(c));
                n += Math.Max(1, strong);
            }
            total += Math.Max(1, n);
        }
        return Math.Max(1, total);
    }

    [GeneratedRegex("[^a-z]", RegexOptions.CultureInvariant)]
    private static partial Regex NotAsciiLetter();

    [GeneratedRegex("[aeiouy]+", RegexOptions.CultureInvariant)]
    private static partial Regex VowelGroupEn();

    // Python's `$` also matches before a final newline; words never contain one, so `\z` is equivalent.
    [GeneratedRegex("[^aeiouy]le\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SilentLeEnding();

    [GeneratedRegex("[^aeiouy]ed\\z", RegexOptions.CultureInvariant)]
    private static partial Regex EdEnding();

    [GeneratedRegex("[td]ed\\z", RegexOptions.CultureInvariant)]
    private static partial Regex TedDedEnding();

    [GeneratedRegex("[^a-záéíóúüñ]", RegexOptions.CultureInvariant)]
    private static partial Regex NotSpanishLetter();

    [GeneratedRegex("[aeiouáéíóúü]+", RegexOptions.CultureInvariant)]
    private static partial Regex VowelGroupEs();
}
