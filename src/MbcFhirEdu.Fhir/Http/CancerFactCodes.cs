using System.Collections.Immutable;
using MbcFhirEdu.Core.Clinical.Codes;

namespace MbcFhirEdu.Fhir.Http;

/// <summary>
/// The Observation codes searched regardless of category, taken from Core's code tables (never retyped here). mCODE
/// files stage groups and TNM categories under survey, exam or imaging — or no category at all — real feeds leave
/// receptor and HER2 results uncategorised, and past metastases arrive as social-history; a category=laboratory search
/// alone misses them. Searching by code (FHIR token OR, comma-separated) catches them in one request whatever the
/// category; results the laboratory search also returned are merged by id.
/// </summary>
internal static class CancerFactCodes
{
    /// <summary>
    /// Core's tables of Observation codes (the code of the Observation itself, not of its value): stage group and M
    /// category, site-of-metastasis and history-of-metastasis, the receptor/HER2/PD-L1 tests, the variant and germline
    /// tests. A code added to one of these tables is searched from then on.
    /// </summary>
    public static readonly ImmutableArray<CodeTable> Tables =
    [
        StageCodes.StageGroupObservations,
        StageCodes.MCategoryObservations,
        MetastasisCodes.SiteObservations,
        MetastasisCodes.History,
        MarkerCodes.Tests,
        GeneCodes.Observations,
    ];

    /// <summary>Each code as a FHIR token, <c>system|code</c>, once.</summary>
    public static readonly ImmutableArray<string> Tokens =
        [.. Tables.SelectMany(table => table.Entries).Select(entry => $"{entry.System}|{entry.Code}").Distinct(StringComparer.Ordinal)];

    /// <summary>The codes as one comma-separated token list for the <c>code</c> search parameter.</summary>
    public static string SearchValue { get; } = string.Join(',', Tokens);
}
