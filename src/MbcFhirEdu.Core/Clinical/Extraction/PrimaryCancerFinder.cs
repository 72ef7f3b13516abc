using MbcFhirEdu.Core.Clinical.Codes;

namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>A primary breast cancer Condition and how it was recognised.</summary>
internal sealed record PrimaryFinding(ConditionRecord Condition, ConditionState State, bool HistoryOnly)
{
    public bool Confirmed => State is ConditionState.Current or ConditionState.History;
}

/// <summary>
/// Finds the primary breast cancer (CODES.md "Primary breast cancer"): SNOMED disorders, 363346000 with a
/// breast bodySite, ICD-10 C50.x in any flavour, and Z85.3 (history only: it never gives a diagnosis date).
/// A SNOMED code we do not list whose display reads as primary breast cancer is accepted, with a warning.
/// </summary>
internal static class PrimaryCancerFinder
{
    public static IReadOnlyList<PrimaryFinding> Find(PatientData data, ExtractionLog log)
    {
        var found = new List<PrimaryFinding>();
        foreach (var condition in data.Conditions)
        {
            var coded = IsCodedPrimary(condition);
            var history = PrimaryCancerCodes.IcdHistory.ContainsAny(condition.Codes);
            var fromText = !coded && !history && !IsCodedSecondary(condition) && FromDisplay(condition);
            if (!coded && !history && !fromText) continue;
            var state = ConditionStatus.Classify(condition, log);
            if (state == ConditionState.Ignored) continue;
            if (fromText)
                log.Warn(condition.Reference, $"primary breast cancer recognised from a display only ({Codes(condition)})");
            var finding = new PrimaryFinding(condition, state, HistoryOnly: !coded && !fromText);
            if (!finding.Confirmed)
                log.Warn(condition.Reference, "unconfirmed breast cancer diagnosis not used");
            log.Evidence("primary:breast", condition.Reference, ClinicalDates.Of(condition), finding.Confirmed);
            found.Add(finding);
        }
        return found;
    }

    /// <summary>Rule 7: the earliest confirmed diagnosis date; Z85.3 history entries are not diagnoses.</summary>
    public static DateOnly? DiagnosisDate(IEnumerable<PrimaryFinding> primaries) =>
        primaries.Where(p => p.Confirmed && !p.HistoryOnly).Select(p => ClinicalDates.Of(p.Condition)).Min();

    public static bool IsCodedPrimary(ConditionRecord condition) =>
        PrimaryCancerCodes.SnomedDisorders.ContainsAny(condition.Codes)
        || PrimaryCancerCodes.IcdBreast.ContainsAny(condition.Codes)
        || (PrimaryCancerCodes.GenericMalignancy.ContainsAny(condition.Codes)
            && (PrimaryCancerCodes.BreastBodySites.ContainsAny(condition.BodySites) || PrimaryCancerCodes.BreastTopography.ContainsAny(condition.BodySites)));

    public static bool IsCodedSecondary(ConditionRecord condition) =>
        MetastasisCodes.SnomedDisorders.ContainsAny(condition.Codes)
        || MetastasisCodes.GenericSecondary.ContainsAny(condition.Codes)
        || MetastasisCodes.History.ContainsAny(condition.Codes)
        || MetastasisCodes.IcdSecondary.ContainsAny(condition.Codes);

    /// <summary>Coded as a primary breast cancer, or a SNOMED display that reads as one.</summary>
    public static bool SaysPrimary(ConditionRecord condition) => IsCodedPrimary(condition) || FromDisplay(condition);

    private static bool FromDisplay(ConditionRecord condition)
    {
        var codes = condition.Codes;
        for (var i = 0; i < codes.Count; i++)
        {
            if (codes[i].System == CodeSystems.Snomed && TextClues.SaysPrimaryBreastCancer(codes[i].Display)) return true;
        }
        return false;
    }

    private static string Codes(ConditionRecord condition) => string.Join(",", condition.Codes.Select(ValueAnswers.Describe));
}
