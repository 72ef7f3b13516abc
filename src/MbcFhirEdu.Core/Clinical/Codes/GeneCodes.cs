namespace MbcFhirEdu.Core.Clinical.Codes;

/// <summary>Genomic variant codes, CODES.md "Genomic variants" and rule 10.</summary>
public static class GeneCodes
{
    private const string Lnc = CodeSystems.Loinc;

    public const string VariantAssessment = "variant";
    /// <summary>Meaning prefix of a germline test for one named gene; the gene symbol follows it.</summary>
    public const string GermlinePrefix = "germline-";

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
        // LOINC names one gene per germline test: 21639-0 is BRCA1 only, 38531-0 is BRCA2.
        new(Lnc, "21639-0", GermlinePrefix + "brca1", "BRCA1 gene mutations tested for"),
        new(Lnc, "38531-0", GermlinePrefix + "brca2", "BRCA2 gene mutations tested for"),
    ]);

    public static readonly CodeTable GeneStudied = new(
    [
        new(Lnc, "48018-6", "gene-studied", "Gene studied [ID]"),
    ]);

    /// <summary>The gene a germline test meaning names ("germline-brca1" → "BRCA1"), or null.</summary>
    public static string? GermlineGene(string meaning) =>
        meaning.StartsWith(GermlinePrefix, StringComparison.Ordinal) ? meaning[GermlinePrefix.Length..].ToUpperInvariant() : null;
}
