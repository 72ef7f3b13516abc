namespace MbcFhirEdu.Core.Clinical.Codes;

/// <summary>
/// Primary cancers other than breast (CODES.md rule 15, "Other primary cancers"): ICD-10 (CM, WHO, GM) malignant
/// neoplasms of stated primary sites C00-C76 except C50 (breast), and the lymphoid and haematopoietic cancers
/// C81-C96. C77-C79 and C7B are secondaries, C80 (unknown primary site) and C97 (multiple independent primaries)
/// name no other cancer. SNOMED has thousands of such disorders and no terminology server here, so SNOMED
/// conditions are recognised by their words and body sites instead (<c>OtherPrimaryFinder</c>).
/// </summary>
public static class OtherPrimaryCodes
{
    public const string OtherPrimary = "other-primary";

    // Numbers ICD-10 leaves unused in these blocks are left out, so the ValueSet lists real categories only; C50 is
    // breast. Declared before the table: static fields initialise in text order.
    private static readonly int[] Unused = [27, 28, 29, 35, 36, 42, 50, 59, 87];

    /// <summary>Three-character categories: every number in C00-C76 and C81-C96 that ICD-10 uses, except C50.</summary>
    public static readonly PrefixTable IcdOtherPrimary = new(PrimaryCancerCodes.IcdSystems,
        [.. Categories().Select(c => new CodeTableEntry(CodeSystems.Icd10Cm, c, OtherPrimary, "Malignant neoplasm, not breast"))]);

    private static IEnumerable<string> Categories() =>
        Enumerable.Range(0, 77).Concat(Enumerable.Range(81, 16))
            .Where(n => Array.IndexOf(Unused, n) < 0)
            .Select(n => $"C{n:00}");
}
