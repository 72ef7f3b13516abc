using System.Collections.Immutable;

namespace MbcFhirEdu.Fhir.Http;

/// <summary>
/// The Observation codes (from shared CODES.md) searched regardless of category. mCODE files stage groups and TNM
/// categories under survey, exam or imaging — or no category at all — real feeds leave receptor and HER2 results
/// uncategorised, and past metastases arrive as social-history; a category=laboratory search alone misses them.
/// Searching by code (FHIR token OR, comma-separated) catches them in one request whatever the category; results the
/// laboratory search also returned are merged by id.
/// </summary>
internal static class CancerFactCodes
{
    private const string Loinc = "http://loinc.org|";
    private const string Snomed = "http://snomed.info/sct|";

    public static readonly ImmutableArray<string> Tokens =
    [
        // Stage group (clinical, pathologic, other) and TNM categories.
        Loinc + "21908-9", Loinc + "21902-2", Loinc + "21914-7", Loinc + "21905-5", Loinc + "21906-3", Loinc + "21907-1",
        Loinc + "21899-0", Loinc + "21900-6", Loinc + "21901-4",
        Snomed + "399537006", Snomed + "399588009", Snomed + "399390009", Snomed + "399504009", Snomed + "384625004",
        Snomed + "399534004", Snomed + "371494008", Snomed + "399387003", Snomed + "371497001",
        // Metastasis sites given as Observations, and history of metastatic cancer.
        Loinc + "44667-4", Snomed + "385421009", Snomed + "1287652008", Snomed + "1098951000119108",
        // ER, PR and HER2 results, which some systems file without a category.
        Loinc + "85337-4", Loinc + "40556-3", Loinc + "16112-5", Loinc + "85329-1",
        Loinc + "85339-0", Loinc + "40557-1", Loinc + "16113-3", Loinc + "85325-9",
        Loinc + "85319-2", Loinc + "18474-7", Loinc + "48676-1", Loinc + "85318-4", Loinc + "31150-6", Loinc + "49683-6", Loinc + "74860-8",
        // Genomic variant assessment and germline BRCA tests.
        Loinc + "69548-6", Loinc + "21639-0",
    ];

    /// <summary>The codes as one comma-separated token list for the <c>code</c> search parameter.</summary>
    public static string SearchValue => string.Join(',', Tokens);
}
