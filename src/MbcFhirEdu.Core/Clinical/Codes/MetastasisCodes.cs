namespace MbcFhirEdu.Core.Clinical.Codes;

/// <summary>
/// Codes for metastatic (secondary) sites, CODES.md "Metastatic (secondary) sites" and rules 1-3.
/// Meanings are site keys from <see cref="ProfileValues.SiteKeys"/>. Whether a code is a *regional* node
/// (listed, but not by itself metastatic: rule 2) is kept apart in <see cref="RegionalNodes"/> and
/// <see cref="RegionalNodePrefixes"/>.
/// </summary>
public static class MetastasisCodes
{
    private const string Sct = CodeSystems.Snomed;

    /// <summary>Pattern 2: "Secondary malignant neoplastic disease" / "Metastatic malignant neoplasm".</summary>
    public static readonly CodeTable GenericSecondary = new(
    [
        new(Sct, "128462008", "secondary", "Secondary malignant neoplastic disease"),
    ]);

    /// <summary>Pattern 1: pre-coordinated SNOMED disorders.</summary>
    public static readonly CodeTable SnomedDisorders = new(
    [
        new(Sct, "94222008", "bone", "Secondary malignant neoplasm of bone"),
        new(Sct, "94391008", "lung", "Secondary malignant neoplasm of lung"),
        new(Sct, "94381002", "liver", "Secondary malignant neoplasm of liver"),
        new(Sct, "94225005", "brain", "Secondary malignant neoplasm of brain"),
        // (check) codes: confirmed in third-party code lists (UZ Leuven lung-metastasis ValueSet for pleura
        // and adrenal; an ICD-10 C77 -> SNOMED map for lymph nodes; a terminology test for skin).
        new(Sct, "94493005", "pleura", "Secondary malignant neoplasm of pleura"),
        new(Sct, "94392001", "lymph-nodes", "Secondary malignant neoplasm of lymph node"),
        new(Sct, "94181007", "lymph-nodes", "Secondary malignant neoplasm of axillary lymph nodes"),
        new(Sct, "94579000", "skin", "Secondary malignant neoplasm of skin"),
        new(Sct, "94161006", "adrenal", "Secondary malignant neoplasm of adrenal gland"),
    ]);

    /// <summary>Body structures for pattern 2 and for site-of-metastasis Observations.</summary>
    public static readonly CodeTable SnomedBodySites = new(
    [
        new(Sct, "272673000", "bone", "Bone structure"),
        new(Sct, "3138006", "bone", "Bone (tissue) structure"),
        new(Sct, "14016003", "bone", "Bone marrow structure (rule 3: marrow is bone)"),
        new(Sct, "39607008", "lung", "Lung structure"),
        new(Sct, "10200004", "liver", "Liver structure"),
        new(Sct, "12738006", "brain", "Brain structure"),
        new(Sct, "8935007", "leptomeninges", "Cerebral meninges structure"),
        new(Sct, "2748008", "spinal-cord", "Spinal cord structure"),
        new(Sct, "81745001", "eye", "Structure of eye proper"),
        new(Sct, "3120008", "pleura", "Pleural membrane structure"),
        new(Sct, "59441001", "lymph-nodes", "Lymph node structure"),
        new(Sct, "68171009", "lymph-nodes", "Axillary lymph node structure"),
        new(Sct, "39937001", "skin", "Skin structure"),
        new(Sct, "23451007", "adrenal", "Adrenal gland structure"),
        new(Sct, "15497006", "ovary", "Ovarian structure"),
        new(Sct, "15425007", "peritoneum", "Peritoneum"),
        new(Sct, "76752008", "contralateral-breast", "Breast structure (a secondary in the breast)"),
        new(Sct, "80248007", "contralateral-breast", "Left breast structure"),
        new(Sct, "73056007", "contralateral-breast", "Right breast structure"),
    ]);

    /// <summary>ICD-O-3 topography as the bodySite of 128462008.</summary>
    public static readonly PrefixTable IcdO3Topography = new([CodeSystems.IcdO3],
    [
        new(CodeSystems.IcdO3, "C40", "bone", "Bones of limbs"),
        new(CodeSystems.IcdO3, "C41", "bone", "Other bones"),
        new(CodeSystems.IcdO3, "C42.1", "bone", "Bone marrow (rule 3)"),
        new(CodeSystems.IcdO3, "C34", "lung", "Bronchus and lung"),
        new(CodeSystems.IcdO3, "C22.0", "liver", "Liver"),
        new(CodeSystems.IcdO3, "C71", "brain", "Brain"),
        new(CodeSystems.IcdO3, "C70", "leptomeninges", "Meninges (as a site of spread)"),
        new(CodeSystems.IcdO3, "C72.0", "spinal-cord", "Spinal cord"),
        new(CodeSystems.IcdO3, "C69", "eye", "Eye and adnexa"),
        new(CodeSystems.IcdO3, "C38.4", "pleura", "Pleura"),
        new(CodeSystems.IcdO3, "C77", "lymph-nodes", "Lymph nodes"),
        new(CodeSystems.IcdO3, "C44", "skin", "Skin"),
        new(CodeSystems.IcdO3, "C74", "adrenal", "Adrenal gland"),
        new(CodeSystems.IcdO3, "C56", "ovary", "Ovary"),
        new(CodeSystems.IcdO3, "C48", "peritoneum", "Retroperitoneum and peritoneum"),
        new(CodeSystems.IcdO3, "C50", "contralateral-breast", "Breast (a secondary in the breast)"),
    ]);

    /// <summary>Pattern 3: ICD-10(-CM) secondary neoplasm codes that name a site. WHO 4-character codes match too.</summary>
    public static readonly PrefixTable IcdSites = new(PrimaryCancerCodes.IcdSystems,
    [
        new(CodeSystems.Icd10Cm, "C79.5", "bone", "Bone and bone marrow (C79.51, C79.52: rule 3)"),
        new(CodeSystems.Icd10Cm, "C78.0", "lung", "Lung (C78.00-C78.02)"),
        new(CodeSystems.Icd10Cm, "C78.7", "liver", "Liver and intrahepatic bile duct"),
        new(CodeSystems.Icd10Cm, "C79.3", "brain", "Brain (WHO C79.3 also covers meninges)"),
        new(CodeSystems.Icd10Cm, "C79.31", "brain", "Brain"),
        new(CodeSystems.Icd10Cm, "C79.32", "leptomeninges", "Cerebral meninges (rule 3)"),
        new(CodeSystems.Icd10Cm, "C78.2", "pleura", "Pleura"),
        new(CodeSystems.Icd10Cm, "C77", "lymph-nodes", "Lymph nodes (C77.0-C77.9)"),
        new(CodeSystems.Icd10Cm, "C79.2", "skin", "Skin"),
        new(CodeSystems.Icd10Cm, "C79.7", "adrenal", "Adrenal gland (C79.70-C79.72)"),
        new(CodeSystems.Icd10Cm, "C79.6", "ovary", "Ovary (C79.60-C79.62)"),
        new(CodeSystems.Icd10Cm, "C78.6", "peritoneum", "Retroperitoneum and peritoneum"),
        new(CodeSystems.Icd10Cm, "C79.81", "contralateral-breast", "Breast"),
        new(CodeSystems.Icd10Cm, "C7B.01", "lymph-nodes", "Secondary carcinoid, distant lymph nodes"),
        new(CodeSystems.Icd10Cm, "C7B.02", "liver", "Secondary carcinoid, liver"),
        new(CodeSystems.Icd10Cm, "C7B.03", "bone", "Secondary carcinoid, bone"),
        new(CodeSystems.Icd10Cm, "C7B.04", "peritoneum", "Secondary carcinoid, peritoneum"),
    ]);

    /// <summary>Every secondary-neoplasm ICD code, whether or not it names a site key (C77-C79, C7B).</summary>
    public static readonly PrefixTable IcdSecondary = new(PrimaryCancerCodes.IcdSystems,
    [
        new(CodeSystems.Icd10Cm, "C77", "secondary", "Lymph nodes"),
        new(CodeSystems.Icd10Cm, "C78", "secondary", "Respiratory and digestive organs"),
        new(CodeSystems.Icd10Cm, "C79", "secondary", "Other and unspecified sites"),
        new(CodeSystems.Icd10Cm, "C7B", "secondary", "Secondary neuroendocrine tumours"),
    ]);

    /// <summary>Rule 2: axillary nodes are regional (listed as lymph-nodes, not metastatic by themselves).</summary>
    public static readonly CodeTable RegionalNodes = new(
    [
        new(Sct, "94181007", "lymph-nodes", "Secondary malignant neoplasm of axillary lymph nodes"),
        new(Sct, "68171009", "lymph-nodes", "Axillary lymph node structure"),
    ]);

    /// <summary>Rule 2 for ICD-10-CM and ICD-O-3: C77.3 axilla and upper limb.</summary>
    public static readonly PrefixTable RegionalNodePrefixes = new([.. PrimaryCancerCodes.IcdSystems, CodeSystems.IcdO3],
    [
        new(CodeSystems.Icd10Cm, "C77.3", "lymph-nodes", "Axilla and upper limb lymph nodes"),
    ]);

    /// <summary>Observation codes whose value is a site of distant metastasis.</summary>
    public static readonly CodeTable SiteObservations = new(
    [
        new(CodeSystems.Loinc, "44667-4", "site-of-metastasis", "Site of distant metastasis in Breast tumor"),
        new(Sct, "385421009", "site-of-metastasis", "Site of distant metastasis"),
    ]);

    /// <summary>HistoryOfMetastaticCancer (mCODE): the root and the descendants seen, with the site they name.</summary>
    public static readonly CodeTable History = new(
    [
        new(Sct, "1287652008", "", "History of metastatic malignant neoplasm"),
        new(Sct, "1098951000119108", "liver", "History of cancer metastatic to liver"),
    ]);

    /// <summary>
    /// MII/oBDS localisation of distant metastases (rule 18). OTH (other) and GEN (generalised: several sites)
    /// say "metastatic" without a site key, so their meaning is empty. MAR is bone marrow: site bone (rule 3).
    /// LYM is distant lymph nodes (the oBDS item is about distant metastases only).
    /// </summary>
    public static readonly CodeTable MiiLocalisation = new(
    [
        new(CodeSystems.MiiDistantMetastases, "PUL", "lung", "Lunge"),
        new(CodeSystems.MiiDistantMetastases, "OSS", "bone", "Knochen"),
        new(CodeSystems.MiiDistantMetastases, "HEP", "liver", "Leber"),
        new(CodeSystems.MiiDistantMetastases, "BRA", "brain", "Hirn"),
        new(CodeSystems.MiiDistantMetastases, "LYM", "lymph-nodes", "Lymphknoten (distant)"),
        new(CodeSystems.MiiDistantMetastases, "MAR", "bone", "Knochenmark (rule 3: marrow is bone)"),
        new(CodeSystems.MiiDistantMetastases, "PLE", "pleura", "Pleura"),
        new(CodeSystems.MiiDistantMetastases, "PER", "peritoneum", "Peritoneum"),
        new(CodeSystems.MiiDistantMetastases, "ADR", "adrenal", "Nebennieren"),
        new(CodeSystems.MiiDistantMetastases, "SKI", "skin", "Haut"),
        new(CodeSystems.MiiDistantMetastases, "OTH", "", "Andere Organe (metastatic, no site key)"),
        new(CodeSystems.MiiDistantMetastases, "GEN", "", "Generalisierte Metastasierung (metastatic, several sites)"),
    ]);

    /// <summary>
    /// Values of a site-of-metastasis Observation that say there is none (rule 17): negative evidence, never an
    /// unrecognised site.
    /// </summary>
    public static readonly CodeTable NoSite = new(
    [
        new(Sct, "260413007", "none", "None"),
    ]);

    public static bool IsRegional(Code code) => RegionalNodes.Contains(code) || RegionalNodePrefixes.Contains(code);
}
