using System.Net;
using System.Text.Json;

namespace MbcFhirEdu.Sandbox.Tests.Bulk;

public sealed class BulkProtocolTests
{
    [Fact]
    public async Task GroupExport_GoesFromKickOffThroughRunningToAManifestWhoseFilesHoldTheCohort()
    {
        await using var factory = BulkFlow.Factory(cohortSize: 10);
        var flow = new BulkFlow(factory);
        var token = await flow.TokenAsync();

        var status = await flow.KickOffAsync("Group/mbc-cohort/$export?_type=Patient,Condition,Observation", token);
        using var running = await flow.SendAsync(HttpMethod.Get, status, token, prefer: null);
        var manifest = await flow.ManifestAsync(status, token);

        Assert.StartsWith("http://localhost/sandbox/fhir/$export-status/", status, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
        Assert.True(running.Headers.Contains("X-Progress"));
        Assert.NotNull(running.Headers.RetryAfter);
        Assert.True(manifest.GetProperty("requiresAccessToken").GetBoolean());
        Assert.Equal("http://localhost/sandbox/fhir/Group/mbc-cohort/$export?_type=Patient,Condition,Observation", manifest.GetProperty("request").GetString());
        Assert.Equal(["Patient", "Condition", "Observation"], manifest.GetProperty("output").EnumerateArray().Select(f => f.GetProperty("type").GetString()).Distinct());
        var resources = await flow.ReadAllAsync(manifest, token);
        Assert.Equal(10, resources.Count(r => r.GetProperty("resourceType").GetString() == "Patient"));
        Assert.All(manifest.GetProperty("output").EnumerateArray(), f => Assert.True(f.GetProperty("count").GetInt64() > 0));
        Assert.Equal(manifest.GetProperty("output").EnumerateArray().Sum(f => f.GetProperty("count").GetInt64()), resources.Count);
        Assert.Empty(manifest.GetProperty("error").EnumerateArray());
    }
}
