namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>A primary breast cancer Condition and how it was recognised.</summary>
internal sealed record PrimaryFinding(ConditionRecord Condition, ConditionState State, bool HistoryOnly)
{
    public bool Confirmed => State is ConditionState.Current or ConditionState.History;
}

/// <summary>
/// Finds the primary breast cancer (CODES.md "Primary breast cancer"): SNOMED disorders, 363346000 with a
/// breast bodySite, ICD-10 C50.x in any flavour, and Z85.3 or SNOMED 429087003 (history only: never a diagnosis
/// date). 429740004 is a relative's breast cancer (family history): named in the warnings, never the patient's.
/// A SNOMED code we do not list whose display reads as primary breast cancer is accepted, with a warning.
/// </summary>
internal static class PrimaryCancerFinder
{
    public static IReadOnlyList<PrimaryFinding> Find(IReadOnlyList<ConditionRecord> conditions, ConditionClues clues, ExtractionLog log)
    {
        var found = new List<PrimaryFinding>();
        foreach (var condition in conditions)
        {
            if (clues.IsFamilyHistory(condition))
            {
                if (condition.VerificationStatus is not ("entered-in-error" or "refuted"))
                    log.Warn(condition.Reference, "family history of breast cancer: a relative's cancer, not the patient's; not used");
                continue;
            }
            var coded = clues.IsCodedPrimary(condition);
            var history = clues.IsIcdHistory(condition);
            var fromText = !coded && !history && !clues.IsCodedSecondary(condition) && clues.SaysPrimaryByDisplay(condition);
            if (!coded && !history && !fromText) continue;
            var state = ConditionStatus.Classify(condition, log);
            if (state == ConditionState.Ignored) continue;
            if (fromText)
            {
                log.Warn(condition.Reference, $"primary breast cancer recognised from a display only ({Codes(condition)})");
                log.FromText(condition.Reference, "primary:");
            }
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

    private static string Codes(ConditionRecord condition) => string.Join(",", condition.Codes.Select(ValueAnswers.Describe));
}
