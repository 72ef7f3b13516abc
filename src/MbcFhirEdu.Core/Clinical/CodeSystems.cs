namespace MbcFhirEdu.Core.Clinical;

/// <summary>The code systems of CODES.md and the normalisation real data needs (OID system URIs, float-ified codes).</summary>
public static class CodeSystems
{
    public const string Snomed = "http://snomed.info/sct";
    public const string Icd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";
    public const string Icd10 = "http://hl7.org/fhir/sid/icd-10";
    public const string Loinc = "http://loinc.org";
    public const string Hgnc = "http://www.genenames.org/geneId";
    public const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public const string IcdO3 = "http://terminology.hl7.org/CodeSystem/icd-o-3";
    public const string CancerStaging = "http://cancerstaging.org";
    public const string V3Interpretation = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    public const string ConditionClinical = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    public const string ConditionVerification = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    /// <summary>ICD-10-GM (BfArM; the older DIMDI URI is an alias), read like ICD-10-CM for C50 and C77-C79 (rule 18).</summary>
    public const string Icd10Gm = "http://fhir.de/CodeSystem/bfarm/icd-10-gm";
    /// <summary>UICC TNM as the MII oncology module writes it: M values ("M1", "M1a") and stage groups ("IVC").</summary>
    public const string Uicc = "https://www.uicc.org/resources/tnm";
    /// <summary>MII/oBDS localisation of distant metastases (PUL, OSS, HEP, ...), rule 18.</summary>
    public const string MiiDistantMetastases = "https://www.medizininformatik-initiative.de/fhir/ext/modul-onko/CodeSystem/mii-cs-onko-fernmetastasen";

    private static readonly Dictionary<string, string> ByOid = new(StringComparer.OrdinalIgnoreCase)
    {
        ["2.16.840.1.113883.6.96"] = Snomed,
        ["2.16.840.1.113883.6.90"] = Icd10Cm,
        ["2.16.840.1.113883.6.3"] = Icd10,
        ["2.16.840.1.113883.6.1"] = Loinc,
        ["2.16.840.1.113883.6.281"] = Hgnc,
        ["2.16.840.1.113883.6.88"] = RxNorm,
        ["2.16.840.1.113883.6.43.1"] = IcdO3,
    };

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["http://snomed.info/sct/"] = Snomed,
        ["https://snomed.info/sct"] = Snomed,
        ["snomed"] = Snomed,
        ["snomedct"] = Snomed,
        ["http://loinc.org/"] = Loinc,
        ["https://loinc.org"] = Loinc,
        ["loinc"] = Loinc,
        ["http://hl7.org/fhir/sid/icd-10-cm/"] = Icd10Cm,
        ["http://www.genenames.org"] = Hgnc,
        ["http://www.genenames.org/"] = Hgnc,
        ["https://www.genenames.org/geneId"] = Hgnc,
        ["http://www.genenames.org/geneid"] = Hgnc,
        ["http://hl7.org/fhir/sid/icd-o-3"] = IcdO3,
        ["https://cancerstaging.org"] = CancerStaging,
        ["http://fhir.de/CodeSystem/dimdi/icd-10-gm"] = Icd10Gm,
        ["http://hl7.org/fhir/sid/icd-10/"] = Icd10,
        ["http://www.uicc.org/resources/tnm"] = Uicc,
        // Seen in real data: the interpretation ValueSet URL, and the DSTU2 v2 table, written as the system.
        ["http://hl7.org/fhir/ValueSet/observation-interpretation"] = V3Interpretation,
        ["http://hl7.org/fhir/v2/0078"] = V3Interpretation,
        ["http://cancerstaging.org/"] = CancerStaging,
    };

    /// <summary>Maps OID forms (<c>urn:oid:…</c>) and common aliases to the canonical system URI.</summary>
    public static string NormalizeSystem(string? system)
    {
        if (string.IsNullOrWhiteSpace(system)) return "";
        var s = system.Trim();
        if (s.StartsWith("urn:oid:", StringComparison.OrdinalIgnoreCase) && ByOid.TryGetValue(s[8..], out var fromOid)) return fromOid;
        if (ByOid.TryGetValue(s, out var bareOid)) return bareOid;
        return Aliases.TryGetValue(s, out var alias) ? alias : s;
    }

    /// <summary>Trims a code; SNOMED codes float-ified by spreadsheets ("254837009.0") lose the ".0".</summary>
    public static string NormalizeCode(string system, string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return "";
        var c = code.Trim();
        if (system == Snomed && c.EndsWith(".0", StringComparison.Ordinal) && c.Length > 2 && c[..^2].All(char.IsAsciiDigit)) c = c[..^2];
        if (system == Hgnc && !c.StartsWith("HGNC:", StringComparison.OrdinalIgnoreCase) && c.All(char.IsAsciiDigit)) c = "HGNC:" + c;
        return c;
    }

    public static Code Normalize(string? system, string? code, string? display = null)
    {
        var sys = NormalizeSystem(system);
        return new Code(sys, NormalizeCode(sys, code), string.IsNullOrWhiteSpace(display) ? null : display);
    }
}
