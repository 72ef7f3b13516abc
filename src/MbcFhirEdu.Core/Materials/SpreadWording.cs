using System.Text.RegularExpressions;

namespace MbcFhirEdu.Core.Materials;

/// <summary>
/// Finds wording that tells the reader the cancer has spread (issue 13 item 3): EN "metastatic"/"metastasis",
/// "spread", "stage IV"; ES "metastásico"/"metástasis", "extendido"/"se extiende", "diseminado", "estadio IV".
/// A sentence where "spread" (or "se extiende") is about a skin sign or an infection — "a rash that spreads fast" —
/// and names no cancer does not count, nor does "spread" in a condition ("if the cancer spreads, …" / "si el cáncer
/// se extiende, …"), which says what may happen rather than that it has. "Metastatic" and "stage IV" always count.
/// Link targets are not prose and are left out; link text is prose.
/// </summary>
internal static partial class SpreadWording
{
    /// <summary>The first phrase in <paramref name="line"/> that says the cancer has spread, or null.</summary>
    public static string? Find(string line)
    {
        var prose = LinkTarget().Replace(line, "]");
        prose = BareUrl().Replace(prose, " ");
        if (Always().Match(prose) is { Success: true } always)
        {
            return always.Value;
        }
        foreach (var sentence in SentenceEnd().Split(prose))
        {
            if (SpreadWord().Match(sentence) is { Success: true } spread
                && (CancerWord().IsMatch(sentence) || !SymptomWord().IsMatch(sentence))
                && !Conditional().IsMatch(sentence[..spread.Index]))
            {
                return spread.Value;
            }
        }
        return null;
    }

    // "metast…" / "metást…" is only ever about spread; so is a stage IV.
    [GeneratedRegex(@"\bmet[aá]st\w*|\b(?:stage|estadio|etapa)\s+(?:IV|4)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Always();

    [GeneratedRegex(@"\bspread(?:s|ing)?\b|\b(?:extendid[oa]s?|extendi[óo]|extiende[ns]?|extenderse|extenderá|disemin\w*|propagad[oa]s?|propag[óo])\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SpreadWord();

    [GeneratedRegex(@"\b(?:cancers?|tumou?rs?|cells?|c[áa]ncer(?:es)?|c[ée]lulas?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CancerWord();

    [GeneratedRegex(@"\b(?:rash\w*|redness|red|blisters?|peeling|infections?|swelling|itch\w*|bruis\w*|erupci[óo]n\w*|sarpullido|enrojecimiento|ampollas?|infecci[óo]n\w*|hinchaz[óo]n|picaz[óo]n|moret[óo]n\w*)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SymptomWord();

    // "If the cancer grows or spreads, …" / "Si el cáncer … se extiende, …" says what may happen, not that it has.
    [GeneratedRegex(@"\b(?:if|si)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Conditional();

    [GeneratedRegex(@"\]\([^)]*\)", RegexOptions.CultureInvariant)]
    private static partial Regex LinkTarget();

    [GeneratedRegex(@"https?://\S+", RegexOptions.CultureInvariant)]
    private static partial Regex BareUrl();

    [GeneratedRegex(@"(?<=[.!?])\s+", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();
}
