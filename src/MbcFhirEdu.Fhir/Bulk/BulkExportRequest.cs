namespace MbcFhirEdu.Fhir.Bulk;

/// <summary>
/// A FHIR Bulk Data Access 2.0 kick-off: <c>[FhirBase]/Group/[GroupId]/$export</c>, or <c>[FhirBase]/Patient/$export</c>
/// when <paramref name="GroupId"/> is null.
/// </summary>
/// <param name="FhirBase">An allow-listed FHIR base (Smart:AllowedIssuers).</param>
/// <param name="Types">Resource types for <c>_type</c>; empty = all the server exports.</param>
/// <param name="Since">For <c>_since</c>: only resources changed after this instant (sent with its offset).</param>
/// <param name="TypeFilters">
/// <c>_typeFilter</c> queries (e.g. <c>Observation?category=laboratory</c>); dropped with a warning when the server rejects
/// them with 400 (the IG's advice), so callers must still filter what they read.
/// </param>
public sealed record BulkExportRequest(Uri FhirBase, string? GroupId, IReadOnlyList<string> Types,
    DateTimeOffset? Since = null, IReadOnlyList<string>? TypeFilters = null);
