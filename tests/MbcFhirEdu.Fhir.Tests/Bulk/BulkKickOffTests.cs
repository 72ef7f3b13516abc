using MbcFhirEdu.Fhir.Bulk;

namespace MbcFhirEdu.Fhir.Tests.Bulk;

/// <summary>Kick-off: the request the IG asks for, the status URL, _typeFilter fallback and refusals.</summary>
public sealed class BulkKickOffTests
{
    [Fact]
    public async Task GroupKickOff_SendsTypeSinceAcceptPreferAndBearer_AndReturnsContentLocation()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server);
        var status = server.Url("/fhir/$export-status/job-7");
        server.Handle = c => BulkResponses.WriteAsync(c, 202, headers: ("Content-Location", status.AbsoluteUri));

        var since = new DateTimeOffset(2026, 11, 30, 10, 15, 0, TimeSpan.FromHours(1));
        var result = await host.Client.KickOffAsync(
            new BulkExportRequest(server.Base, "cohort-1", ["Patient", "Condition"], since), CancellationToken.None);

        Assert.Equal(status, result);
        var seen = Assert.Single(server.Requests);
        Assert.Equal("GET", seen.Method);
        Assert.Equal("/fhir/Group/cohort-1/$export", seen.Path);
        Assert.Equal("?_type=Patient,Condition&_since=2026-11-30T10:15:00.000+01:00", seen.Query);
        Assert.Equal("application/fhir+json", seen.Accept);
        Assert.Equal("respond-async", seen.Prefer);
        Assert.Equal("Bearer tok-1", seen.Authorization);
    }

    [Fact]
    public async Task KickOffWithoutGroup_IsPatientExport_AndTheTokenAsksForTheConfiguredScope()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server, new() { ["BulkData:Scope"] = "system/Patient.rs system/Group.rs" });
        server.Handle = c => BulkResponses.WriteAsync(c, 202, headers: ("Content-Location", server.Url("/fhir/status/1").AbsoluteUri));

        await host.Client.KickOffAsync(new BulkExportRequest(server.Base, null, ["Patient"]), CancellationToken.None);

        Assert.Equal("/fhir/Patient/$export", Assert.Single(server.Requests).Path);
        Assert.Equal("system/Patient.rs system/Group.rs", Assert.Single(server.TokenScopes));
    }

    [Fact]
    public async Task TypeFilterRefusedWith400_IsSentAgainWithoutIt_AndTheDropIsLogged()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server);
        server.Handle = c => c.Request.Query.ContainsKey("_typeFilter")
            ? BulkResponses.WriteAsync(c, 400, BulkResponses.Outcome("not-supported", "_typeFilter is not supported"))
            : BulkResponses.WriteAsync(c, 202, headers: ("Content-Location", server.Url("/fhir/status/2").AbsoluteUri));

        var status = await host.Client.KickOffAsync(new BulkExportRequest(server.Base, "g1", ["Observation"],
            TypeFilters: ["Observation?category=laboratory"]), CancellationToken.None);

        Assert.Equal(server.Url("/fhir/status/2"), status);
        Assert.Equal(["?_type=Observation&_typeFilter=Observation?category=laboratory", "?_type=Observation"], server.Requests.Select(r => r.Query));
        Assert.Single(host.Logs.Event(2702));
    }

    [Fact]
    public async Task RelativeContentLocation_IsResolvedAgainstTheKickOffUrl()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server);
        server.Handle = c => BulkResponses.WriteAsync(c, 202, headers: ("Content-Location", "/fhir/status/relative-1"));

        var status = await host.Client.KickOffAsync(new BulkExportRequest(server.Base, "g1", ["Patient"]), CancellationToken.None);

        Assert.Equal(server.Url("/fhir/status/relative-1"), status);
    }

    [Fact]
    public async Task FhirBaseOffTheAllowList_IsRefusedBeforeAnyRequest()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server);

        var error = await Assert.ThrowsAsync<BulkExportException>(() => host.Client.KickOffAsync(
            new BulkExportRequest(new Uri("http://localhost:1/fhir"), "g1", ["Patient"]), CancellationToken.None));

        Assert.StartsWith("kick-off: refused from /fhir", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
        Assert.Equal(0, server.TokensIssued);
    }

    [Fact]
    public async Task StatusUrlOnAnotherHost_IsRefused()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server);
        server.Handle = c => BulkResponses.WriteAsync(c, 202, headers: ("Content-Location", $"http://localhost:{server.Origin.Port}/fhir/status/3"));

        var error = await Assert.ThrowsAsync<BulkExportException>(() =>
            host.Client.KickOffAsync(new BulkExportRequest(server.Base, "g1", ["Patient"]), CancellationToken.None));

        Assert.Equal("kick-off", error.Step);
        Assert.Contains("not an allowed origin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FinalRefusal_NamesStepStatusPathAndTheServersWords()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server);
        server.Handle = c => BulkResponses.WriteAsync(c, 403, BulkResponses.Outcome("forbidden", "Group export needs system/Group.rs"));

        var error = await Assert.ThrowsAsync<BulkExportException>(() =>
            host.Client.KickOffAsync(new BulkExportRequest(server.Base, "g1", ["Patient"]), CancellationToken.None));

        Assert.Equal("kick-off: 403 from /fhir/Group/g1/$export (Group export needs system/Group.rs)", error.Message);
        Assert.Equal(403, error.StatusCode);
    }

    [Theory]
    [InlineData("g/../x", "Patient")]
    [InlineData("g1", "Patient&_since=1")]
    public async Task GroupIdOrTypeThatIsNotFhir_IsRefusedBeforeAnyRequest(string group, string type)
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server);

        var error = await Assert.ThrowsAsync<BulkExportException>(() =>
            host.Client.KickOffAsync(new BulkExportRequest(server.Base, group, [type]), CancellationToken.None));

        Assert.Equal("kick-off", error.Step);
        Assert.Empty(server.Requests);
    }
}
