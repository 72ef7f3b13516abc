using System.Text;
using MbcFhirEdu.Fhir.Bulk;

namespace MbcFhirEdu.Data.Tests.Population;

/// <summary>
/// A Bulk Data server in memory for the runner's storage tests: one export (its files set by the test), with counters
/// and hooks for the failure cases. The real protocol is tested against the sandbox (Cli tests).
/// </summary>
internal sealed class FakeBulkClient(Uri fhirBase) : IBulkExportClient
{
    private int _opens;
    private int _exports;

    /// <summary>The files of the next export, by type (several files of one type allowed).</summary>
    public List<(string Type, string Content)> Files { get; set; } = [];
    public List<(string Type, string Content)> ErrorFiles { get; set; } = [];
    public DateTimeOffset TransactionTime { get; set; } = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    public List<BulkExportRequest> KickOffs { get; } = [];
    public List<Uri> Deleted { get; } = [];
    public int Opens => _opens;
    /// <summary>Called before each file is opened, with the 1-based number of opens so far (e.g. to cancel the run).</summary>
    public Action<int>? BeforeOpen { get; set; }
    /// <summary>Files (by URL substring) whose download always fails.</summary>
    public HashSet<string> Broken { get; } = [];

    private readonly Dictionary<Uri, string> _content = [];

    public Task<Uri> KickOffAsync(BulkExportRequest request, CancellationToken cancellationToken)
    {
        lock (KickOffs) KickOffs.Add(request);
        var export = Interlocked.Increment(ref _exports);
        return Task.FromResult(new Uri(fhirBase, $"$export-status/job{export}"));
    }

    public Task<BulkExportManifest> WaitForManifestAsync(Uri statusUrl, CancellationToken cancellationToken)
    {
        BulkExportFile Publish((string Type, string Content) file, int i, string kind)
        {
            var url = new Uri(statusUrl + $"/{kind}{i}.ndjson");
            lock (_content) _content[url] = file.Content;
            return new BulkExportFile(file.Type, url, null);
        }
        var output = Files.Select((f, i) => Publish(f, i, "file")).ToList();
        var errors = ErrorFiles.Select((f, i) => Publish(f, i, "error")).ToList();
        return Task.FromResult(new BulkExportManifest(statusUrl, TransactionTime, true, output, errors));
    }

    public Task<Stream> OpenFileAsync(BulkExportFile file, bool requiresAccessToken, CancellationToken cancellationToken)
    {
        var opens = Interlocked.Increment(ref _opens);
        BeforeOpen?.Invoke(opens);
        cancellationToken.ThrowIfCancellationRequested();
        if (Broken.Any(b => file.Url.AbsoluteUri.Contains(b, StringComparison.Ordinal)))
            throw new BulkExportException("download", file.Url, "500");
        string content;
        lock (_content) content = _content[file.Url];
        return Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(content)));
    }

    public Task DeleteAsync(Uri statusUrl, CancellationToken cancellationToken)
    {
        lock (Deleted) Deleted.Add(statusUrl);
        return Task.CompletedTask;
    }
}
