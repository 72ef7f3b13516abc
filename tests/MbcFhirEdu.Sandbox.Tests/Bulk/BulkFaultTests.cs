using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Sandbox.Tests.Bulk;

public sealed class BulkFaultTests
{
    [Fact]
    public async Task A429OnAStatusPoll_CarriesRetryAfter_AndTheNextPollWorks()
    {
        await using var factory = BulkFlow.Factory(cohortSize: 3);
        var flow = new BulkFlow(factory);
        var token = await flow.TokenAsync();
        var status = await flow.KickOffAsync("Group/mbc-cohort/$export", token);
        factory.Services.GetRequiredService<SandboxFaults>().FailNext(1, 429, TimeSpan.FromSeconds(7), FaultTarget.BulkStatus);

        using var throttled = await flow.SendAsync(HttpMethod.Get, status, token, prefer: null);
        var manifest = await flow.ManifestAsync(status, token);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), throttled.Headers.RetryAfter?.Delta);
        Assert.True(manifest.GetProperty("output").GetArrayLength() > 0);
    }

    [Fact]
    public async Task A5xxOnADownload_HappensOnce_ThenTheSameFileDownloads()
    {
        await using var factory = BulkFlow.Factory(cohortSize: 3);
        var flow = new BulkFlow(factory);
        var token = await flow.TokenAsync();
        var file = (await flow.ExportAsync("Group/mbc-cohort/$export", token)).GetProperty("output")[0].GetProperty("url").GetString()!;
        factory.Services.GetRequiredService<SandboxFaults>().FailNext(1, 503, target: FaultTarget.BulkDownload);

        using var failed = await flow.SendAsync(HttpMethod.Get, file, token, prefer: null);
        var lines = await flow.ReadFileAsync(file, token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.NotEmpty(lines);
    }

    [Fact]
    public async Task ATokenThatExpiresMidRun_Gets401OnADownload_AndANewTokenWorks()
    {
        await using var factory = BulkFlow.Factory(cohortSize: 3);
        var flow = new BulkFlow(factory);
        var token = await flow.TokenAsync();
        var file = (await flow.ExportAsync("Group/mbc-cohort/$export", token)).GetProperty("output")[0].GetProperty("url").GetString()!;
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        factory.Services.GetRequiredService<SandboxFaults>().ExpireAccessTokensIssuedBefore(factory.Clock.GetUtcNow());

        using var expired = await flow.SendAsync(HttpMethod.Get, file, token, prefer: null);
        var lines = await flow.ReadFileAsync(file, await flow.TokenAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.NotEmpty(lines);
    }

    [Fact]
    public async Task TheFaultEndpoint_TakesTheBulkTargetsAndTokenExpiry()
    {
        await using var factory = BulkFlow.Factory(cohortSize: 3, more: new Dictionary<string, string?> { ["Sandbox:EnableFaultInjection"] = "true" });
        var flow = new BulkFlow(factory);
        var token = await flow.TokenAsync();
        var file = (await flow.ExportAsync("Group/mbc-cohort/$export", token)).GetProperty("output")[0].GetProperty("url").GetString()!;

        using var configured = await flow.Http.PostAsync("/sandbox/_sandbox/faults",
            new StringContent("""{"failNext":1,"statusCode":500,"target":"bulk-download"}""", System.Text.Encoding.UTF8, "application/json"));
        using var failed = await flow.SendAsync(HttpMethod.Get, file, token, prefer: null);
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        using var expiring = await flow.Http.PostAsync("/sandbox/_sandbox/faults", new StringContent("""{"expireTokens":true}""", System.Text.Encoding.UTF8, "application/json"));
        using var expired = await flow.SendAsync(HttpMethod.Get, file, token, prefer: null);

        Assert.Equal(HttpStatusCode.NoContent, configured.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, expiring.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }
}
