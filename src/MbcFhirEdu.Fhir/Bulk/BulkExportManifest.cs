namespace MbcFhirEdu.Fhir.Bulk;

/// <summary>The complete-status manifest of an export (Bulk Data Access 2.0, "Response - Complete Status").</summary>
/// <param name="StatusUrl">The job's status URL, for <see cref="IBulkExportClient.DeleteAsync"/> once the files are read.</param>
/// <param name="TransactionTime">The server's <c>transactionTime</c>: the <c>_since</c> of the next incremental run.</param>
/// <param name="RequiresAccessToken">True when downloads need the bearer token.</param>
/// <param name="Output">Data files.</param>
/// <param name="Errors">OperationOutcome NDJSON files (read them with <see cref="IBulkExportClient.OpenFileAsync"/>).</param>
public sealed record BulkExportManifest(Uri StatusUrl, DateTimeOffset TransactionTime, bool RequiresAccessToken,
    IReadOnlyList<BulkExportFile> Output, IReadOnlyList<BulkExportFile> Errors);
