using System.Text;
using MbcFhirEdu.Fhir.Bulk;
using Microsoft.AspNetCore.Http;

namespace MbcFhirEdu.Fhir.Tests.Bulk;

/// <summary>Downloads: streamed, the token when required, 401 then a new token, 5xx retried, the size and time bounds; deleting the job.</summary>
public sealed class BulkDownloadTests
{
    private const string Lines = "{\"resourceType\":\"Patient\",\"id\":\"p1\"}\n{\"resourceType\":\"Patient\",\"id\":\"p2\"}\n";

    private static async Task<string> ReadAllAsync(Stream stream)
    {
        await using (stream)
        using (var reader = new StreamReader(stream, Encoding.UTF8))
            return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task FileThatRequiresAToken_IsFetchedWithBearerAndNdjsonAccept()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server);
        server.Handle = c => BulkResponses.WriteAsync(c, 200, Lines, "application/fhir+ndjson");

        var text = await ReadAllAsync(await host.Client.OpenFileAsync(new BulkExportFile("Patient", server.Url("/files/p.ndjson"), 2), true, CancellationToken.None));

        Assert.Equal(Lines, text);
        var seen = Assert.Single(server.Requests);
        Assert.Equal("Bearer tok-1", seen.Authorization);
        Assert.Equal("application/fhir+ndjson", seen.Accept);
    }

    [Fact]
    public async Task FileThatNeedsNoToken_IsFetchedWithoutOne()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server);
        server.Handle = c => BulkResponses.WriteAsync(c, 200, Lines, "application/fhir+ndjson");

        await ReadAllAsync(await host.Client.OpenFileAsync(new BulkExportFile("Patient", server.Url("/files/p.ndjson"), 2), false, CancellationToken.None));

        Assert.Null(Assert.Single(server.Requests).Authorization);
        Assert.Equal(0, server.TokensIssued);
    }

    [Fact]
    public async Task Body_IsHandedOverWhileTheServerIsStillSending()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server);
        var rest = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Handle = async c =>
        {
            c.Response.ContentType = "application/fhir+ndjson";
            await c.Response.WriteAsync("{\"resourceType\":\"Patient\",\"id\":\"first\"}\n");
            await c.Response.Body.FlushAsync();
            await rest.Task;
            await c.Response.WriteAsync("{\"resourceType\":\"Patient\",\"id\":\"last\"}\n");
        };

        // Were the body buffered whole, OpenFileAsync would wait for the second line, which is only sent after the first was read.
        await using var stream = await host.Client.OpenFileAsync(new BulkExportFile("Patient", server.Url("/files/slow.ndjson"), null), false, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));
        using var reader = new StreamReader(stream);
        Assert.Contains("first", await reader.ReadLineAsync(), StringComparison.Ordinal);
        rest.SetResult();
        Assert.Contains("last", await reader.ReadLineAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthorized_GetsOneNewTokenAndOneMoreTry()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server);
        server.Handle = c => c.Request.Headers.Authorization == "Bearer tok-2"
            ? BulkResponses.WriteAsync(c, 200, Lines, "application/fhir+ndjson")
            : BulkResponses.WriteAsync(c, 401);

        var text = await ReadAllAsync(await host.Client.OpenFileAsync(new BulkExportFile("Patient", server.Url("/files/p.ndjson"), 2), true, CancellationToken.None));

        Assert.Equal(Lines, text);
        Assert.Equal(["Bearer tok-1", "Bearer tok-2"], server.Requests.Select(r => r.Authorization));
        Assert.Equal(2, server.TokensIssued);
    }

    [Fact]
    public async Task UnauthorizedAgainWithTheNewToken_FailsNamingTheDownload()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server);
        server.Handle = c => BulkResponses.WriteAsync(c, 401);

        var error = await Assert.ThrowsAsync<BulkExportException>(() =>
            host.Client.OpenFileAsync(new BulkExportFile("Patient", server.Url("/files/p.ndjson"), 2), true, CancellationToken.None));

        Assert.Equal("download: 401 from /files/p.ndjson", error.Message);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task ServerErrorThenSuccess_IsRetriedWithBackoff()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server);
        server.Handle = BulkResponses.InTurn(c => BulkResponses.WriteAsync(c, 503), c => BulkResponses.WriteAsync(c, 500),
            c => BulkResponses.WriteAsync(c, 200, Lines, "application/fhir+ndjson"));

        var text = await ReadAllAsync(await host.Client.OpenFileAsync(new BulkExportFile("Patient", server.Url("/files/p.ndjson"), 2), true, CancellationToken.None));

        Assert.Equal(Lines, text);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task FileLargerThanMaxFileBytes_FailsWhileStreaming_WhenNoLengthIsDeclared()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server, new() { ["BulkData:MaxFileBytes"] = "1024" });
        server.Handle = async c =>
        {
            for (var i = 0; i < 40; i++)
            {
                await c.Response.WriteAsync(Lines);
                await c.Response.Body.FlushAsync();
            }
        };

        var stream = await host.Client.OpenFileAsync(new BulkExportFile("Patient", server.Url("/files/big.ndjson"), null), false, CancellationToken.None);
        var error = await Assert.ThrowsAsync<BulkExportException>(() => ReadAllAsync(stream));

        Assert.Equal("download: too large from /files/big.ndjson (more than BulkData:MaxFileBytes (1024 bytes))", error.Message);
    }

    [Fact]
    public async Task FileWhoseDeclaredLengthIsOverMaxFileBytes_IsRefusedBeforeReading()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server, new() { ["BulkData:MaxFileBytes"] = "1024" });
        var body = string.Concat(Enumerable.Repeat(Lines, 20));
        server.Handle = c => { c.Response.ContentLength = body.Length; return c.Response.WriteAsync(body); };

        var error = await Assert.ThrowsAsync<BulkExportException>(() =>
            host.Client.OpenFileAsync(new BulkExportFile("Patient", server.Url("/files/p.ndjson"), null), false, CancellationToken.None));

        Assert.Equal("download", error.Step);
        Assert.Contains("Content-Length", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadThatStalls_StopsAtTheDownloadTimeout()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server, new() { ["BulkData:DownloadTimeout"] = "00:00:01" });
        server.Handle = async c =>
        {
            await c.Response.WriteAsync(Lines);
            await c.Response.Body.FlushAsync();
            await Task.Delay(Timeout.Infinite, c.RequestAborted);
        };

        var stream = await host.Client.OpenFileAsync(new BulkExportFile("Patient", server.Url("/files/stall.ndjson"), null), false, CancellationToken.None);
        var error = await Assert.ThrowsAsync<BulkExportException>(() => ReadAllAsync(stream));

        Assert.StartsWith("download: timed out from /files/stall.ndjson", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileOffTheAllowList_IsRefusedBeforeAnyRequest()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server);

        var error = await Assert.ThrowsAsync<BulkExportException>(() => host.Client.OpenFileAsync(
            new BulkExportFile("Patient", new Uri($"http://localhost:{server.Origin.Port}/files/p.ndjson"), null), true, CancellationToken.None));

        Assert.StartsWith("download: refused", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
        Assert.Equal(0, server.TokensIssued);
    }

    [Theory]
    [InlineData(202)]
    [InlineData(200)]
    [InlineData(404)]
    public async Task Delete_AcceptsAcceptedOkAndGone(int status)
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server);
        server.Handle = c => BulkResponses.WriteAsync(c, status);

        await host.Client.DeleteAsync(server.Url("/fhir/status/job-9"), CancellationToken.None);

        var seen = Assert.Single(server.Requests);
        Assert.Equal("DELETE", seen.Method);
        Assert.Equal("Bearer tok-1", seen.Authorization);
    }

    [Fact]
    public async Task DeleteRefused_IsABulkExportException()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server);
        server.Handle = c => BulkResponses.WriteAsync(c, 409, BulkResponses.Outcome("conflict", "job is still being written"));

        var error = await Assert.ThrowsAsync<BulkExportException>(() => host.Client.DeleteAsync(server.Url("/fhir/status/job-9"), CancellationToken.None));

        Assert.Equal("delete: 409 from /fhir/status/job-9 (job is still being written)", error.Message);
    }

    [Fact]
    public async Task ExpiredToken_IsReplacedBeforeTheNextRequest()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        // Lifetime 30 s is inside the 60 s refresh margin: every request finds the cached token due for renewal.
        server.TokenLifetimeSeconds = 30;
        using var host = new BulkClientHost(server);
        server.Handle = c => BulkResponses.WriteAsync(c, 202);

        await host.Client.DeleteAsync(server.Url("/fhir/status/a"), CancellationToken.None);
        await host.Client.DeleteAsync(server.Url("/fhir/status/b"), CancellationToken.None);

        Assert.Equal(["Bearer tok-1", "Bearer tok-2"], server.Requests.Select(r => r.Authorization));
    }
}
