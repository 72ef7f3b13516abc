using System.Text.RegularExpressions;
using MbcFhirEdu.Core.Clinical.Codes;

namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// CODES.md rule 19: free text that states a fact the extractor does not use is named in the warnings, never
/// passed over in silence — Observation notes, Condition text, DiagnosticReport conclusions, and the value text of an
/// Observation whose code is not known. An Observation whose code is unknown but whose name says it is a tumour
/// marker test (ER, PR, HER2, PD-L1, Ki-67) is warned about; its value is not used. Warnings say what kind of fact
/// the text states, never the text itself (it may hold PHI).
/// </summary>
internal static partial class TextFactRule
{
    public static void Check(PatientData data, ObservationIndex index, ExtractionLog log)
    {
        // A chart repeats a few code lists thousands of times (vital signs, labs): each list is judged once.
        var knownCodes = new IdentityMemo<IReadOnlyList<Code>, bool>(codes => IsKnownCode(codes, index));
        var markerOfCodes = new IdentityMemo<IReadOnlyList<Code>, string?>(codes => Marker(DisplaysOf(codes)));
        var markerOfText = new IdentityMemo<string, string?>(Marker);
        foreach (var observation in data.Observations)
        {
            if (observation.Status is "entered-in-error" or "cancelled") continue;
            var known = knownCodes[observation.Codes] || observation.Components.Any(c => index.MarkerTests(c.Codes).Count > 0);
            var marker = known ? null
                : markerOfCodes[observation.Codes] ?? (observation.CodeText is { } text ? markerOfText[text] : null)
                    ?? (observation.Components.Count > 0 ? Marker(ComponentLabels(observation.Components)) : null);
            if (marker is not null)
                log.Warn(observation.Reference, $"test code not recognised ({Codes(observation.Codes)}), but its name says {marker}; its value is not used");
            Report(observation.Reference, "a note", observation.Note, log);
            if (!known) Report(observation.Reference, "its value text", observation.Value?.Text, log);
        }
        foreach (var condition in data.Conditions)
        {
            if (condition.VerificationStatus is "entered-in-error" or "refuted") continue;
            Report(condition.Reference, "its text", condition.Text, log);
        }
        foreach (var report in data.Reports)
        {
            if (report.Status is "entered-in-error" or "cancelled") continue;
            Report(report.Reference, "its conclusion", report.Conclusion, log);
        }
    }

    /// <summary>The facts a free text states that the profile does not take from it, e.g. "triple-negative, a HER2 IHC score".</summary>
    internal static IReadOnlyList<string> Statements(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var found = new List<string>();
        if (TripleNegative().IsMatch(text)) found.Add("triple-negative");
        if (HormoneReceptor().IsMatch(text) || ErPrResult().IsMatch(text)) found.Add("a hormone receptor result");
        if (Her2().IsMatch(text)) found.Add("a HER2 result");
        if (IhcScore().IsMatch(text)) found.Add("an IHC score");
        if (Pdl1().IsMatch(text) || Cps().IsMatch(text)) found.Add("a PD-L1 result");
        if (Ki67().IsMatch(text)) found.Add("Ki-67");
        if (Tnm().IsMatch(text)) found.Add("TNM categories");
        return found;
    }

    private static void Report(string reference, string where, string? text, ExtractionLog log)
    {
        var statements = Statements(text);
        if (statements.Count > 0)
            log.Warn(reference, $"free text ({where}) states {string.Join(", ", statements)}: not used, check the record");
    }

    /// <summary>A code the extractor reads as a marker, variant, stage or site test.</summary>
    private static bool IsKnownCode(IReadOnlyList<Code> codes, ObservationIndex index) => index.MarkerTests(codes).Count > 0 || IsOtherKnownCode(codes);

    /// <summary>The same test without an index (<see cref="ObservationRouting"/>).</summary>
    internal static bool IsKnownCode(IReadOnlyList<Code> codes) => MarkerCodes.Tests.FindAll(codes).Count > 0 || IsOtherKnownCode(codes);

    private static bool IsOtherKnownCode(IReadOnlyList<Code> codes) =>
        GeneCodes.Observations.FindFirst(codes) is not null
        || StageCodes.StageGroupObservations.ContainsAny(codes) || StageCodes.MCategoryObservations.ContainsAny(codes)
        || MetastasisCodes.SiteObservations.ContainsAny(codes) || ObservationSiteFinder.IsHistory(codes, out _);

    /// <summary>Whether an unknown-coded Observation's codes' displays name a marker, as <see cref="Check"/> reads them first.</summary>
    internal static bool DisplaysNameMarker(IReadOnlyList<Code> codes) => Marker(DisplaysOf(codes)) is not null;

    /// <summary>Whether its code text or component labels name a marker, as <see cref="Check"/> reads them next.</summary>
    internal static bool TextNamesMarker(string? codeText, IReadOnlyList<ComponentRecord> components) =>
        (codeText is { } text && Marker(text) is not null) || (components.Count > 0 && Marker(ComponentLabels(components)) is not null);

    private static string DisplaysOf(IReadOnlyList<Code> codes) => string.Join(" ", codes.Select(c => c.Display).OfType<string>());

    private static string ComponentLabels(IReadOnlyList<ComponentRecord> components) => string.Join(" ",
        components.SelectMany(c => c.Codes.Select(x => x.Display).Append(c.CodeText)).OfType<string>());

    private static string? Marker(string labels)
    {
        if (labels.Length == 0) return null;
        if (Pdl1().IsMatch(labels)) return "PD-L1";
        if (Her2().IsMatch(labels)) return "HER2";
        if (Ki67().IsMatch(labels)) return "Ki-67";
        if (Estrogen().IsMatch(labels) || ErWord().IsMatch(labels)) return "ER";
        if (Progesterone().IsMatch(labels) || PrWord().IsMatch(labels)) return "PR";
        return null;
    }

    private static string Codes(IReadOnlyList<Code> codes) => codes.Count == 0 ? "no code" : string.Join(",", codes.Select(ValueAnswers.Describe));

    [GeneratedRegex(@"triple[\s-]?negati", RegexOptions.IgnoreCase)] private static partial Regex TripleNegative();
    [GeneratedRegex(@"estrogen|oestrogen|östrogen|progesteron|hormone?[\s-]?rezeptor|hormone receptor", RegexOptions.IgnoreCase)] private static partial Regex HormoneReceptor();
    [GeneratedRegex(@"\b(?:ER|PR|PgR|ÖR)\b[\s:-]*(?:positi|negati|low|[0-9])", RegexOptions.IgnoreCase)] private static partial Regex ErPrResult();
    [GeneratedRegex(@"\bher-?2|\berbb2\b", RegexOptions.IgnoreCase)] private static partial Regex Her2();
    [GeneratedRegex(@"(?<![\d.])[0-3]\s*\+(?!\d)|\bIHC\s*[0-3]\b|\bscore\s*[0-3]\b", RegexOptions.IgnoreCase)] private static partial Regex IhcScore();
    [GeneratedRegex(@"\bpd-?l1\b", RegexOptions.IgnoreCase)] private static partial Regex Pdl1();
    [GeneratedRegex(@"\bCPS\b|combined positive score|\bTPS\b", RegexOptions.IgnoreCase)] private static partial Regex Cps();
    [GeneratedRegex(@"\bki-?67\b|\bmib-?1\b", RegexOptions.IgnoreCase)] private static partial Regex Ki67();
    [GeneratedRegex(@"\b(?:y?[cpr])?T(?:[0-4]|is|x)[a-d]?\d?\b.{0,12}\b(?:y?[cpr])?N[0-3x]", RegexOptions.IgnoreCase)] private static partial Regex Tnm();
    [GeneratedRegex(@"estrogen|oestrogen|östrogen", RegexOptions.IgnoreCase)] private static partial Regex Estrogen();
    [GeneratedRegex(@"progesteron", RegexOptions.IgnoreCase)] private static partial Regex Progesterone();
    // Upper case only: "er"/"pr" inside words or sentences are not markers.
    [GeneratedRegex(@"\bER\b|\bER[\s-]?(?:status|IHC)")] private static partial Regex ErWord();
    [GeneratedRegex(@"\bPR\b|\bPgR\b")] private static partial Regex PrWord();
}
