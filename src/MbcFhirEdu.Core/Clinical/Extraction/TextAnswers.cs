using System.Text.RegularExpressions;

namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>What a result's words say.</summary>
internal enum Answer { None, Positive, LowPositive, Negative, Equivocal, NotTested, Amplified, NotAmplified, Ultralow, Her2Low }

/// <summary>
/// Reads result words ("positive", "Negative", "low positive", "amplified", "not detected") from a
/// valueString or CodeableConcept.text. These are the result itself, not narrative, so no warning is needed.
/// </summary>
internal static partial class TextAnswers
{
    public static Answer Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Answer.None;
        var t = text.Trim().ToLowerInvariant();
        // Order matters: "not amplified" contains "amplified", "low positive" contains "positive".
        if (NotTested().IsMatch(t)) return Answer.NotTested;
        if (Ultralow().IsMatch(t)) return Answer.Ultralow;
        if (Her2Low().IsMatch(t)) return Answer.Her2Low;
        if (NotAmplified().IsMatch(t)) return Answer.NotAmplified;
        if (Amplified().IsMatch(t)) return Answer.Amplified;
        if (Equivocal().IsMatch(t)) return Answer.Equivocal;
        if (LowPositive().IsMatch(t)) return Answer.LowPositive;
        if (Negative().IsMatch(t)) return Answer.Negative;
        if (Positive().IsMatch(t)) return Answer.Positive;
        return Answer.None;
    }

    /// <summary>"IHC 2+", "3+", "score 0", or a bare "0"-"3".</summary>
    public static int? IhcScore(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        var plus = Score().Matches(t);
        if (plus.Count == 1) return plus[0].Groups["s"].Value[0] - '0';
        return BareScore().Match(t) is { Success: true } m ? m.Groups["s"].Value[0] - '0' : null;
    }

    /// <summary>Statements of HER2-ultralow: "ultralow", or IHC 0 with faint/barely perceptible staining.</summary>
    public static bool StatesUltralow(params string?[] texts) =>
        texts.Any(t => t is not null && (Ultralow().IsMatch(t.ToLowerInvariant()) || Faint().IsMatch(t.ToLowerInvariant())));

    [GeneratedRegex(@"\bnot (tested|performed|done)\b")] private static partial Regex NotTested();
    [GeneratedRegex(@"\bultra[\s-]?low\b")] private static partial Regex Ultralow();
    [GeneratedRegex(@"\bher-?2[\s-]?low\b")] private static partial Regex Her2Low();
    [GeneratedRegex(@"\b(not|non|no)[\s-]?amplifi(ed|cation)\b|\bnonamplified\b")] private static partial Regex NotAmplified();
    [GeneratedRegex(@"\bamplifi(ed|cation)\b")] private static partial Regex Amplified();
    [GeneratedRegex(@"\b(equivocal|indeterminate|inconclusive|borderline)\b")] private static partial Regex Equivocal();
    [GeneratedRegex(@"\blow[\s-]?positive\b|\b(er|pr)[\s-]?low\b")] private static partial Regex LowPositive();
    [GeneratedRegex(@"\b(negative|neg|not detected|absent)\b")] private static partial Regex Negative();
    [GeneratedRegex(@"\b(positive|pos|detected|present)\b")] private static partial Regex Positive();
    [GeneratedRegex(@"(?<![\d.])(?<s>[0-3])\s*\+")] private static partial Regex Score();
    [GeneratedRegex(@"^(?:(?:ihc|score|her2|her-2)[\s:]*)*(?<s>[0-3])$", RegexOptions.IgnoreCase)] private static partial Regex BareScore();
    [GeneratedRegex(@"\b(faint|barely perceptible)\b")] private static partial Regex Faint();
}
