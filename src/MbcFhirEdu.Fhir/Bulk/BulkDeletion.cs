namespace MbcFhirEdu.Fhir.Bulk;

/// <summary>A resource a manifest's <c>deleted</c> file names: deleted on the server since the export's <c>_since</c>.</summary>
/// <param name="ResourceType">The resource type (ASCII letters, e.g. <c>Observation</c>).</param>
/// <param name="Id">The logical id (a FHIR id: 1-64 letters, digits, '-' or '.').</param>
public sealed record BulkDeletion(string ResourceType, string Id);
