using System.Text;
using System.Text.Json;
using MbcFhirEdu.Fhir.Bulk;

namespace MbcFhirEdu.Fhir.Tests.Bulk;

/// <summary>The manifest's <c>deleted</c> files (Bulk Data 2.0 with <c>_since</c>): allow-listed like the others, read into deletions, bad lines named.</summary>
public sealed class BulkDeletedFileTests
{
    private static MemoryStream Ndjson(params string[] lines) => new(Encoding.UTF8.GetBytes(string.Join('\n', lines)));

    private static string Deletions(params string[] urls) => JsonSerializer.Serialize(new
    {
        resourceType = "Bundle",
        type = "transaction",
        entry = urls.Select(u => new { request = new { method = "DELETE", url = u } }),
    });

    private static string Manifest(Uri deleted, string type = "Bundle") => JsonSerializer.Serialize(new
    {
        transactionTime = "2026-12-01T09:30:00Z",
        requiresAccessToken = true,
        output = Array.Empty<object>(),
        error = Array.Empty<object>(),
        deleted = new[] { new { type, url = deleted.AbsoluteUri } },
    });

    [Fact]
    public void EveryDeleteEntry_IsRead_RelativeOrAbsolute()
    {
        using var file = Ndjson(Deletions("Observation/obs-1", "Condition/met-2"), "", Deletions("http://127.0.0.1/fhir/Patient/p-3"));
        var problems = new List<string>();

        var deletions = BulkDeletedFile.Read(file, problems, 10, CancellationToken.None).ToList();

        Assert.Equal([new BulkDeletion("Observation", "obs-1"), new BulkDeletion("Condition", "met-2"), new BulkDeletion("Patient", "p-3")], deletions);
        Assert.Empty(problems);
    }

    [Fact]
    public void BadLinesAndEntries_AreNamed_AndTheRestIsRead()
    {
        using var file = Ndjson(
            "not json",
            """{"resourceType":"Patient","id":"p1"}""",
            """{"resourceType":"Bundle","type":"searchset","entry":[{"request":{"method":"DELETE","url":"Observation/x"}}]}""",
            """{"resourceType":"Bundle","type":"transaction","entry":[{"request":{"method":"PUT","url":"Observation/o1"}},{"request":{"method":"DELETE","url":"Observation/o1/_history/2"}},{"request":{"method":"DELETE","url":"Observation/o2"}},{}]}""");
        var problems = new List<string>();

        var deletions = BulkDeletedFile.Read(file, problems, 10, CancellationToken.None).ToList();

        Assert.Equal([new BulkDeletion("Observation", "o2")], deletions);
        Assert.Equal(["line 1: not valid JSON", "line 2: not a Bundle", "line 3: Bundle.type is searchset, not transaction",
            "line 4 entry 1: request.method is PUT, not DELETE", "line 4 entry 2: request.url is not Type/id", "line 4 entry 4: no request"], problems);
    }

    [Fact]
    public void ManyProblems_AreBounded_WithACountOfTheRest()
    {
        using var file = Ndjson([.. Enumerable.Range(0, 30).Select(_ => "[]")]);
        var problems = new List<string>();

        Assert.Empty(BulkDeletedFile.Read(file, problems, 3, CancellationToken.None).ToList());

        Assert.Equal(["line 1: not a Bundle", "line 2: not a Bundle", "line 3: not a Bundle", "27 more problem(s) in this deleted file"], problems);
    }

    [Fact]
    public async Task TheManifestsDeletedFiles_AreRead_AndDownloadedThroughTheClient()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server);
        var url = server.Url("/files/deleted-1.ndjson");
        server.Handle = c => c.Request.Path.StartsWithSegments("/files")
            ? BulkResponses.WriteAsync(c, 200, Deletions("Condition/met-9"), "application/fhir+ndjson")
            : BulkResponses.WriteAsync(c, 200, Manifest(url), "application/json");

        var manifest = await host.Client.WaitForManifestAsync(server.Url("/fhir/status/job-d"), CancellationToken.None);
        await using var stream = await host.Client.OpenFileAsync(Assert.Single(manifest.Deleted), manifest.RequiresAccessToken, CancellationToken.None);
        var deletions = BulkDeletedFile.Read(stream, new List<string>(), 10, CancellationToken.None).ToList();

        Assert.Equal(new BulkExportFile("Bundle", url, null), manifest.Deleted[0]);
        Assert.Equal([new BulkDeletion("Condition", "met-9")], deletions);
        Assert.Equal("Bearer tok-1", Assert.Single(server.To("/files/deleted-1.ndjson")).Authorization);
    }

    [Fact]
    public async Task ADeletedFileOnAnotherHost_OrNotOfBundles_RefusesTheManifest()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server);
        var elsewhere = new Uri($"http://localhost:{server.Origin.Port}/files/deleted-1.ndjson");
        server.Handle = BulkResponses.InTurn(
            c => BulkResponses.WriteAsync(c, 200, Manifest(elsewhere), "application/json"),
            c => BulkResponses.WriteAsync(c, 200, Manifest(server.Url("/files/deleted-1.ndjson"), "Observation"), "application/json"));

        var otherHost = await Assert.ThrowsAsync<BulkExportException>(() => host.Client.WaitForManifestAsync(server.Url("/fhir/status/a"), CancellationToken.None));
        var notBundles = await Assert.ThrowsAsync<BulkExportException>(() => host.Client.WaitForManifestAsync(server.Url("/fhir/status/b"), CancellationToken.None));

        Assert.Contains("deleted[0].url is on http://localhost", otherHost.Message, StringComparison.Ordinal);
        Assert.Equal("manifest: unreadable from /fhir/status/b (deleted[0].type is Observation, not Bundle)", notBundles.Message);
    }
}
