namespace MbcFhirEdu.Core.Clinical.Codes;

/// <summary>
/// Codes for the primary breast cancer Condition (CODES.md "Primary breast cancer").
/// SNOMED has no terminology server here, so descendants of 254837009 are listed as seen in real data;
/// other SNOMED breast-cancer codes are caught by display text, with a warning.
/// </summary>
public static class PrimaryCancerCodes
{
    public const string Breast = "breast";
    public const string BreastHistory = "breast-history";

    /// <summary>ICD-10 flavours that carry C50.x (ICD-10-CM, WHO ICD-10, ICD-10-GM).</summary>
    public static readonly IReadOnlyList<string> IcdSystems =
    [
        CodeSystems.Icd10Cm, CodeSystems.Icd10, CodeSystems.Icd10Gm,
    ];

    /// <summary>Pre-coordinated SNOMED primary breast cancer disorders.</summary>
    public static readonly CodeTable SnomedDisorders = new(
    [
        new(CodeSystems.Snomed, "254837009", Breast, "Malignant neoplasm of breast"),
        // Seen as "Malignant neoplasm of female breast" (an inactive concept) in several code lists.
        new(CodeSystems.Snomed, "372064008", Breast, "Malignant neoplasm of female breast"),
        new(CodeSystems.Snomed, "372137005", Breast, "Primary malignant neoplasm of breast"),
        new(CodeSystems.Snomed, "353431000119107", Breast, "Primary malignant neoplasm of female left breast"),
        new(CodeSystems.Snomed, "408643008", Breast, "Infiltrating duct carcinoma of breast"),
        // Seen in Epic-derived data (mCODE extraction framework fixtures).
        new(CodeSystems.Snomed, "188152004", Breast, "Malignant neoplasm of upper-inner quadrant of female breast"),
        // 372095001 from CODES.md was NOT confirmed as male breast (sources give pancreas): left out on purpose.
    ]);

    /// <summary>The generic code that needs a breast bodySite to mean breast cancer.</summary>
    public static readonly CodeTable GenericMalignancy = new(
    [
        new(CodeSystems.Snomed, "363346000", "malignant-neoplastic-disease", "Malignant neoplastic disease"),
    ]);

    /// <summary>Breast body structures (SNOMED) for the generic code.</summary>
    public static readonly CodeTable BreastBodySites = new(
    [
        new(CodeSystems.Snomed, "76752008", Breast, "Breast structure"),
        new(CodeSystems.Snomed, "80248007", Breast, "Left breast structure"),
        new(CodeSystems.Snomed, "73056007", Breast, "Right breast structure"),
    ]);

    /// <summary>ICD-O-3 topography C50 (breast) as a body site of the generic code.</summary>
    public static readonly PrefixTable BreastTopography = new(
        [CodeSystems.IcdO3],
        [new(CodeSystems.IcdO3, "C50", Breast, "Breast")]);

    /// <summary>C50.x in any ICD-10 flavour.</summary>
    public static readonly PrefixTable IcdBreast = new(
        IcdSystems,
        [new(CodeSystems.Icd10Cm, "C50", Breast, "Malignant neoplasm of breast")]);

    /// <summary>Personal history only: never a diagnosis date (CODES.md "History only").</summary>
    public static readonly PrefixTable IcdHistory = new(
        IcdSystems,
        [new(CodeSystems.Icd10Cm, "Z85.3", BreastHistory, "Personal history of malignant neoplasm of breast")]);

    /// <summary>SNOMED personal history of breast cancer (rule 15): history only, like Z85.3.</summary>
    public static readonly CodeTable SnomedHistory = new(
    [
        new(CodeSystems.Snomed, "429087003", BreastHistory, "History of malignant neoplasm of breast"),
    ]);

    /// <summary>
    /// Family history of breast cancer (rule 15): a relative's cancer, never the patient's. Listed so such a
    /// Condition is named for what it is instead of as an unknown cancer-like code.
    /// </summary>
    public static readonly CodeTable FamilyHistory = new(
    [
        new(CodeSystems.Snomed, "429740004", "family-history", "Family history of malignant neoplasm of breast"),
    ]);
}
