using System.Net;
using MbcFhirEdu.Sandbox.Tests.Infrastructure;

namespace MbcFhirEdu.Sandbox.Tests.Bulk;

public sealed class BulkAccessTests
{
    [Fact]
    public async Task EveryStep_NeedsTheBearerToken()
    {
        await using var factory = BulkFlow.Factory(cohortSize: 3);
        var flow = new BulkFlow(factory);
        var token = await flow.TokenAsync();
        var status = await flow.KickOffAsync("Group/mbc-cohort/$export", token);
        var file = (await flow.ManifestAsync(status, token)).GetProperty("output")[0].GetProperty("url").GetString()!;

        using var kickOff = await flow.SendAsync(HttpMethod.Get, "Group/mbc-cohort/$export", token: null);
        using var poll = await flow.SendAsync(HttpMethod.Get, status, token: null, prefer: null);
        using var download = await flow.SendAsync(HttpMethod.Get, file, token: null, prefer: null);
        using var delete = await flow.SendAsync(HttpMethod.Delete, status, token: null, prefer: null);
        using var withToken = await flow.SendAsync(HttpMethod.Get, file, token, prefer: null);

        Assert.Equal(HttpStatusCode.Unauthorized, kickOff.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, poll.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, download.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, delete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
    }

    [Fact]
    public async Task APatientLevelToken_CannotExport()
    {
        await using var factory = BulkFlow.Factory(cohortSize: 3);
        var flow = new BulkFlow(factory);
        var smart = new SmartFlow(factory.CreateSandboxClient());
        var patientToken = (await smart.StandaloneTokenAsync("launch/patient patient/*.rs", "Patient/spanish-bone-eye")).GetProperty("access_token").GetString();

        using var response = await flow.SendAsync(HttpMethod.Get, "Patient/$export", patientToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ASystemTokenForSomeTypes_ExportsThoseByDefault_AndIsRefusedOthers()
    {
        await using var factory = BulkFlow.Factory(cohortSize: 3);
        var flow = new BulkFlow(factory);
        var token = await flow.TokenAsync("system/Patient.rs system/Condition.rs");

        var manifest = await flow.ExportAsync("Group/mbc-cohort/$export", token);
        using var refused = await flow.SendAsync(HttpMethod.Get, "Group/mbc-cohort/$export?_type=Observation", token);

        Assert.Equal(["Patient", "Condition"], manifest.GetProperty("output").EnumerateArray().Select(f => f.GetProperty("type").GetString()).Distinct());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task AJob_IsInvisibleToAnotherClient()
    {
        using var otherKey = new TestClientKey("other-key");
        await using var factory = BulkFlow.Factory(cohortSize: 3, more: new Dictionary<string, string?>
        {
            ["Sandbox:Clients:3:ClientId"] = "other-backend",
            ["Sandbox:Clients:3:Type"] = "ConfidentialAsymmetric",
            ["Sandbox:Clients:3:Jwks"] = otherKey.Jwks,
            ["Sandbox:Clients:3:Scopes:0"] = "system/*.rs",
        });
        var flow = new BulkFlow(factory);
        var token = await flow.TokenAsync();
        var status = await flow.KickOffAsync("Group/mbc-cohort/$export", token);
        var file = (await flow.ManifestAsync(status, token)).GetProperty("output")[0].GetProperty("url").GetString()!;
        var smart = new SmartFlow(factory.CreateSandboxClient());
        var otherToken = (await SmartFlow.ReadJsonAsync(await smart.PostTokenAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = "system/*.rs",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = otherKey.CreateAssertion("other-backend", SmartFlow.TokenUrl, factory.Clock.GetUtcNow()),
        }))).GetProperty("access_token").GetString();

        using var poll = await flow.SendAsync(HttpMethod.Get, status, otherToken, prefer: null);
        using var download = await flow.SendAsync(HttpMethod.Get, file, otherToken, prefer: null);
        using var delete = await flow.SendAsync(HttpMethod.Delete, status, otherToken, prefer: null);
        using var stillThere = await flow.SendAsync(HttpMethod.Get, status, token, prefer: null);

        Assert.Equal(HttpStatusCode.NotFound, poll.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }

    [Fact]
    public async Task AKickOffBeyondMaxJobs_Is429WithRetryAfter()
    {
        await using var factory = BulkFlow.Factory(cohortSize: 3, more: new Dictionary<string, string?> { ["Sandbox:Bulk:MaxJobs"] = "1" });
        var flow = new BulkFlow(factory);
        var token = await flow.TokenAsync();
        var status = await flow.KickOffAsync("Group/mbc-cohort/$export", token);

        using var refused = await flow.SendAsync(HttpMethod.Get, "Group/mbc-cohort/$export", token);
        using var deleted = await flow.SendAsync(HttpMethod.Delete, status, token, prefer: null);
        using var accepted = await flow.SendAsync(HttpMethod.Get, "Group/mbc-cohort/$export", token);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }
}
