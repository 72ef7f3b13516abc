namespace MbcFhirEdu.Fhir.Bulk;

/// <summary>One entry of a manifest's <c>output</c> or <c>error</c> array: an NDJSON file of one resource type.</summary>
/// <param name="Type">The resource type of every line (OperationOutcome for error files).</param>
/// <param name="Url">Absolute, on the allow-listed origin (checked when the manifest is read).</param>
/// <param name="Count">The server's resource count, when it gave one.</param>
public sealed record BulkExportFile(string Type, Uri Url, long? Count);
