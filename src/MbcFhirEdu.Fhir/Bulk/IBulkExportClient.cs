namespace MbcFhirEdu.Fhir.Bulk;

/// <summary>
/// FHIR Bulk Data Access 2.0 client (Flat FHIR, asynchronous request pattern), authorised by SMART Backend Services
/// tokens with system scopes (<c>BulkData:Scope</c>). Every URL it calls, the server's included, must be on the
/// allow-list (<c>Smart:AllowedIssuers</c>). Every failure is a <see cref="BulkExportException"/> naming the step and the
/// URL path; cancellation by the caller stays an <see cref="OperationCanceledException"/>.
/// Typical use: <see cref="KickOffAsync"/>, <see cref="WaitForManifestAsync"/>, <see cref="OpenFileAsync"/> for each
/// output (and error) file, then <see cref="DeleteAsync"/>.
/// </summary>
public interface IBulkExportClient
{
    /// <summary>
    /// Sends the kick-off (<c>Accept: application/fhir+json</c>, <c>Prefer: respond-async</c>) and returns the status URL
    /// from <c>Content-Location</c> (202 Accepted).
    /// </summary>
    Task<Uri> KickOffAsync(BulkExportRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Polls the status URL until the manifest (200), honouring <c>Retry-After</c> (capped at <c>BulkData:MaxPollInterval</c>),
    /// logging <c>X-Progress</c>, treating 429, 5xx and transient OperationOutcomes as "try again later", all within
    /// <c>BulkData:ExportDeadline</c>. A final error (4xx/5xx with a non-transient OperationOutcome) throws.
    /// </summary>
    Task<BulkExportManifest> WaitForManifestAsync(Uri statusUrl, CancellationToken cancellationToken);

    /// <summary>
    /// Opens one NDJSON file as a stream (never buffered whole; the caller disposes it). Sends the bearer token when
    /// <paramref name="requiresAccessToken"/>; a 401 gets one new token and one more try; 5xx are retried with backoff.
    /// Reading past <c>BulkData:MaxFileBytes</c>, or past <c>BulkData:DownloadTimeout</c>, throws <see cref="BulkExportException"/>.
    /// </summary>
    Task<Stream> OpenFileAsync(BulkExportFile file, bool requiresAccessToken, CancellationToken cancellationToken);

    /// <summary>Deletes the job (DELETE on the status URL); 202, 200 and 404 (already gone) all count as done.</summary>
    Task DeleteAsync(Uri statusUrl, CancellationToken cancellationToken);
}
