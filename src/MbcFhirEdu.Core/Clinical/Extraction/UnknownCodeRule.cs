namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// Rule 14: a Condition that looks like cancer (its display or text mentions malignant, metastatic,
/// secondary, carcinoma or neoplasm, or it carries an ICD-10 C code) but none of whose codes we recognise
/// is named in the warnings, with its codes — never its text.
/// </summary>
internal static class UnknownCodeRule
{
    public static void Check(IReadOnlyList<ConditionRecord> conditions, ConditionClues clues, ExtractionLog log)
    {
        foreach (var condition in conditions)
        {
            if (condition.VerificationStatus is "entered-in-error" or "refuted") continue;
            if (clues.IsCodedPrimary(condition) || clues.IsCodedSecondary(condition) || clues.IsIcdHistory(condition)
                || clues.IsFamilyHistory(condition) || clues.IsIcdOtherPrimary(condition)) continue;
            if (!clues.LooksLikeCancer(condition)) continue;
            var codes = condition.Codes.Count == 0 ? "no code" : string.Join(",", condition.Codes.Select(ValueAnswers.Describe));
            log.Warn(condition.Reference, $"cancer-like condition with unrecognised code ({codes})");
        }
    }
}
