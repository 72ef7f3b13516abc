using MbcFhirEdu.Core.Clinical.Codes;

namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// Rule 14: a Condition that looks like cancer (its display or text mentions malignant, metastatic,
/// secondary, carcinoma or neoplasm, or it carries an ICD-10 C code) but none of whose codes we recognise
/// is named in the warnings, with its codes — never its text.
/// </summary>
internal static class UnknownCodeRule
{
    public static void Check(PatientData data, ExtractionLog log)
    {
        foreach (var condition in data.Conditions)
        {
            if (condition.VerificationStatus is "entered-in-error" or "refuted") continue;
            if (PrimaryCancerFinder.IsCodedPrimary(condition) || PrimaryCancerFinder.IsCodedSecondary(condition)
                || PrimaryCancerCodes.IcdHistory.ContainsAny(condition.Codes)) continue;
            var looksLikeCancer = condition.Codes.Any(c => TextClues.LooksLikeCancer(c.Display) || IsIcdMalignant(c))
                || TextClues.LooksLikeCancer(condition.Text);
            if (!looksLikeCancer) continue;
            var codes = condition.Codes.Count == 0 ? "no code" : string.Join(",", condition.Codes.Select(ValueAnswers.Describe));
            log.Warn(condition.Reference, $"cancer-like condition with unrecognised code ({codes})");
        }
    }

    private static bool IsIcdMalignant(Code code) =>
        PrimaryCancerCodes.IcdSystems.Contains(code.System) && code.Value.StartsWith('C');
}
