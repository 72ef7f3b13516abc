namespace MbcFhirEdu.Sandbox.Features.Bulk;

/// <summary>One <c>_typeFilter</c> query, e.g. <c>Observation?code=http://loinc.org|85337-4</c>: all its parameters must match.</summary>
internal sealed record BulkTypeFilter(string Type, IReadOnlyList<KeyValuePair<string, string>> Parameters);

/// <summary>A validated kick-off request.</summary>
/// <param name="Request">The kick-off URL, as the manifest's <c>request</c> repeats it.</param>
/// <param name="GroupId">Null for <c>Patient/$export</c> (every patient).</param>
/// <param name="Filters">Per type, alternatives (OR); a type without an entry is exported whole.</param>
/// <param name="Warnings">What was asked but not applied (lenient handling); written to the error file.</param>
internal sealed record BulkExportSpec(
    string Request,
    string? GroupId,
    IReadOnlyList<string> Types,
    DateTimeOffset? Since,
    IReadOnlyDictionary<string, IReadOnlyList<BulkTypeFilter>> Filters,
    IReadOnlyList<string> Warnings);
