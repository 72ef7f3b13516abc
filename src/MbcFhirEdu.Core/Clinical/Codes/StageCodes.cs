namespace MbcFhirEdu.Core.Clinical.Codes;

/// <summary>
/// Stage codes, CODES.md "Stage". Stage values map to the profile's groups <c>0|I|II|III|IV</c>; sub-stages
/// (IIIC, 3A) collapse into their group.
/// </summary>
public static class StageCodes
{
    private const string Sct = CodeSystems.Snomed;
    private const string Lnc = CodeSystems.Loinc;

    public const string MetastasisPresent = "M1";
    public const string MetastasisAbsent = "M0";

    /// <summary>Observation codes for a TNM stage group.</summary>
    public static readonly CodeTable StageGroupObservations = new(
    [
        new(Lnc, "21908-9", "clinical", "Stage group.clinical Cancer"),
        new(Lnc, "21902-2", "pathologic", "Stage group.pathology Cancer"),
        new(Lnc, "21914-7", "other", "Stage group.other Cancer"),
        new(Sct, "399537006", "clinical", "Clinical TNM stage grouping"),
        new(Sct, "399588009", "pathologic", "Pathologic TNM stage grouping"),
        new(Sct, "399390009", "other", "TNM stage grouping"),
    ]);

    /// <summary>Observation codes for the M category.</summary>
    public static readonly CodeTable MCategoryObservations = new(
    [
        new(Lnc, "21907-1", "clinical", "Distant metastases.clinical [Class] Cancer"),
        new(Lnc, "21901-4", "pathologic", "Distant metastases.pathology [Class] Cancer"),
        new(Sct, "399387003", "clinical", "cM category"),
        new(Sct, "371497001", "pathologic", "pM category"),
    ]);

    /// <summary>M category values.</summary>
    public static readonly CodeTable MValues = new(
    [
        new(Sct, "55440008", MetastasisPresent, "M1 category (Synthea)"),
        new(Sct, "1229903009", MetastasisPresent, "AJCC cM1"),
        new(Sct, "1229904003", MetastasisPresent, "AJCC cM1a"),
        new(Sct, "1229907005", MetastasisPresent, "AJCC cM1b"),
        new(Sct, "1229910003", MetastasisPresent, "AJCC cM1c"),
        new(Sct, "1229916009", MetastasisPresent, "AJCC pM1"),
        new(Sct, "30893008", MetastasisAbsent, "M0 category (Synthea)"),
        new(Sct, "1229901006", MetastasisAbsent, "AJCC cM0"),
    ]);

    /// <summary>
    /// SNOMED stage-group values: AJCC 8 qualifier values (descendants of 1222592004/1222593009/1222594003,
    /// listed in published TNM ValueSets) and the "Stage N" findings Synthea emits.
    /// </summary>
    public static readonly CodeTable StageValues = new(
    [
        new(Sct, "1222605001", "0", "AJCC stage 0"),
        new(Sct, "1222721004", "0", "AJCC stage 0a"),
        new(Sct, "1222722006", "0", "AJCC stage 0is"),
        new(Sct, "1222733009", "0", "AJCC stage IS"),
        new(Sct, "1222723001", "I", "AJCC stage I"),
        new(Sct, "1222724007", "I", "AJCC stage IA"),
        new(Sct, "1222725008", "I", "AJCC stage IA1"),
        new(Sct, "1222726009", "I", "AJCC stage IA2"),
        new(Sct, "1222727000", "I", "AJCC stage IA3"),
        new(Sct, "1222728005", "I", "AJCC stage IB"),
        new(Sct, "1222729002", "I", "AJCC stage IB1"),
        new(Sct, "1222730007", "I", "AJCC stage IB2"),
        new(Sct, "1222731006", "I", "AJCC stage IC"),
        new(Sct, "1222732004", "I", "AJCC stage IE"),
        new(Sct, "1222765007", "II", "AJCC stage II"),
        new(Sct, "1222772008", "II", "AJCC stage II bulky"),
        new(Sct, "1222766008", "II", "AJCC stage IIA"),
        new(Sct, "1222767004", "II", "AJCC stage IIA1"),
        new(Sct, "1222768009", "II", "AJCC stage IIA2"),
        new(Sct, "1222769001", "II", "AJCC stage IIB"),
        new(Sct, "1222770000", "II", "AJCC stage IIC"),
        new(Sct, "1222771001", "II", "AJCC stage IIE"),
        new(Sct, "1222801008", "III", "AJCC stage III"),
        new(Sct, "1222802001", "III", "AJCC stage IIIA"),
        new(Sct, "1222803006", "III", "AJCC stage IIIA1"),
        new(Sct, "1222804000", "III", "AJCC stage IIIA2"),
        new(Sct, "1222805004", "III", "AJCC stage IIIB"),
        new(Sct, "1222806003", "III", "AJCC stage IIIC"),
        new(Sct, "1222807007", "III", "AJCC stage IIIC1"),
        new(Sct, "1222809005", "III", "AJCC stage IIIC2"),
        new(Sct, "1222811001", "III", "AJCC stage IIID"),
        new(Sct, "1222837003", "IV", "AJCC stage IV"),
        new(Sct, "1222838008", "IV", "AJCC stage IVA"),
        new(Sct, "1222841004", "IV", "AJCC stage IVB"),
        new(Sct, "1222842006", "IV", "AJCC stage IVC"),
        new(Sct, "258215001", "I", "Stage 1 (Synthea)"),
        new(Sct, "261634002", "I", "Stage 1A (Synthea)"),
        new(Sct, "261635001", "I", "Stage 1B (Synthea)"),
        new(Sct, "258219007", "II", "Stage 2 (Synthea)"),
        new(Sct, "261614003", "II", "Stage 2A (Synthea)"),
        new(Sct, "261615002", "II", "Stage 2B (Synthea)"),
        new(Sct, "258224005", "III", "Stage 3 (Synthea)"),
        new(Sct, "261638004", "III", "Stage 3A (Synthea)"),
        new(Sct, "261639007", "III", "Stage 3B (Synthea)"),
        new(Sct, "261640009", "III", "Stage 3C (Synthea)"),
        new(Sct, "258228008", "IV", "Stage 4 (Synthea)"),
    ]);
}
