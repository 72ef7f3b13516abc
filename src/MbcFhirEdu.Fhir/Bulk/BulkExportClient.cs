namespace MbcFhirEdu.Fhir.Bulk;

/// <summary>The <see cref="IBulkExportClient"/> implementation (work in progress: the protocol follows in the next commit).</summary>
internal sealed class BulkExportClient : IBulkExportClient
{
    public const string HttpClientName = "MbcFhirEdu.Bulk";

    public Task<Uri> KickOffAsync(BulkExportRequest request, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Bulk Data kick-off is not implemented yet.");

    public Task<BulkExportManifest> WaitForManifestAsync(Uri statusUrl, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Bulk Data status polling is not implemented yet.");

    public Task<Stream> OpenFileAsync(BulkExportFile file, bool requiresAccessToken, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Bulk Data downloads are not implemented yet.");

    public Task DeleteAsync(Uri statusUrl, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Bulk Data job deletion is not implemented yet.");
}
