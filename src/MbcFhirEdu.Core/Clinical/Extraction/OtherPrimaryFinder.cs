using MbcFhirEdu.Core.Clinical.Codes;

namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>A primary cancer other than breast, and whether it is active (confirmed and current).</summary>
internal sealed record OtherPrimary(ConditionRecord Condition, ConditionState State)
{
    /// <summary>Rule 15 counts only an active one: a cancer in remission or resolved is history.</summary>
    public bool Active => State == ConditionState.Current;
}

/// <summary>
/// Primary cancers other than breast (CODES.md rule 15 "Other primary cancers", rule 12): ICD-10 C00-C76 except
/// C50 and C81-C96 in any ICD-10 flavour; the generic 363346000 with coded body sites none of which is breast; or
/// words that name a malignancy of another organ or a non-breast cancer type. A Condition that is, or may be, the
/// breast cancer (breast codes, breast body sites or words, history, secondaries) is never one: mistaking the
/// breast cancer for another cancer would hide its spread.
/// </summary>
internal static class OtherPrimaryFinder
{
    public static IReadOnlyList<OtherPrimary> Find(IReadOnlyList<ConditionRecord> conditions, ConditionClues clues, ExtractionLog log)
    {
        var found = new List<OtherPrimary>();
        foreach (var condition in conditions)
        {
            if (!IsOtherPrimary(condition, clues)) continue;
            var state = ConditionStatus.Classify(condition, log);
            if (state == ConditionState.Ignored) continue;
            var other = new OtherPrimary(condition, state);
            log.Evidence("other-primary", condition.Reference, ClinicalDates.Of(condition), state is ConditionState.Current or ConditionState.History);
            found.Add(other);
        }
        return found;
    }

    private static bool IsOtherPrimary(ConditionRecord condition, ConditionClues clues)
    {
        if (clues.SaysPrimary(condition) || clues.IsIcdHistory(condition) || clues.IsCodedSecondary(condition) || clues.IsFamilyHistory(condition))
            return false;
        if (clues.TextMentionsBreast(condition)) return false;
        if (clues.IsIcdOtherPrimary(condition)) return true;
        var anySite = false;
        foreach (var site in condition.BodySites)
        {
            if (site.Value.Length == 0) continue;
            if (IsBreastSite(site)) return false;
            anySite = true;
        }
        // A malignancy code that names no organ (363346000 "Malignant neoplastic disease") is about the organ in bodySite.
        if (anySite && clues.IsMalignantWithoutOrgan(condition)) return true;
        return clues.SaysOtherPrimary(condition);
    }

    private static bool IsBreastSite(Code site) =>
        PrimaryCancerCodes.BreastBodySites.Contains(site) || PrimaryCancerCodes.BreastTopography.Contains(site) || TextClues.MentionsBreast(site.Display);
}
