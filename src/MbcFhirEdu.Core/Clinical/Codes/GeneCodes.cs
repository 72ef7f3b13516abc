namespace MbcFhirEdu.Core.Clinical.Codes;

/// <summary>Genomic variant codes, CODES.md "Genomic variants" and rule 10.</summary>
public static class GeneCodes
{
    private const string Lnc = CodeSystems.Loinc;

    public const string VariantAssessment = "variant";
    public const string GermlineBrca = "germline-brca";

    /// <summary>HGNC id → gene symbol (the profile's variant key).</summary>
    public static readonly CodeTable Genes = new(
    [
        new(CodeSystems.Hgnc, "HGNC:8975", "PIK3CA"),
        new(CodeSystems.Hgnc, "HGNC:3467", "ESR1"),
        new(CodeSystems.Hgnc, "HGNC:1100", "BRCA1"),
        new(CodeSystems.Hgnc, "HGNC:1101", "BRCA2"),
        // (check) both confirmed in genomics-reporting examples and gene lists.
        new(CodeSystems.Hgnc, "HGNC:391", "AKT1"),
        new(CodeSystems.Hgnc, "HGNC:9588", "PTEN"),
        new(CodeSystems.Hgnc, "HGNC:3430", "ERBB2"),
    ]);

    public static readonly CodeTable Observations = new(
    [
        new(Lnc, "69548-6", VariantAssessment, "Genetic variant assessment"),
        new(Lnc, "21639-0", GermlineBrca, "BRCA1+BRCA2 gene mutations tested for"),
    ]);

    public static readonly CodeTable GeneStudied = new(
    [
        new(Lnc, "48018-6", "gene-studied", "Gene studied [ID]"),
    ]);

    /// <summary>Genes a germline BRCA test (21639-0) covers: a negative result rules out both.</summary>
    public static readonly IReadOnlyList<string> GermlineBrcaGenes = ["BRCA1", "BRCA2"];
}
