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

    [Fact]
    public async Task KickOffWithoutPreferRespondAsync_IsABadRequestOperationOutcome()
    {
        await using var factory = BulkFlow.Factory();
        var flow = new BulkFlow(factory);

        using var response = await flow.SendAsync(HttpMethod.Get, "Group/mbc-cohort/$export", await flow.TokenAsync(), prefer: null);
        var outcome = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("OperationOutcome", outcome.GetProperty("resourceType").GetString());
        Assert.Contains("Prefer: respond-async", outcome.GetProperty("issue")[0].GetProperty("diagnostics").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Group/no-such-group/$export", HttpStatusCode.NotFound)]
    [InlineData("Patient/$export?_type=MedicationRequest", HttpStatusCode.BadRequest)]
    [InlineData("Patient/$export?_since=yesterday", HttpStatusCode.BadRequest)]
    [InlineData("Patient/$export?_outputFormat=text/csv", HttpStatusCode.BadRequest)]
    public async Task KickOffTheServerCannotHonour_IsRefusedWithAnOperationOutcome(string path, HttpStatusCode expected)
    {
        await using var factory = BulkFlow.Factory();
        var flow = new BulkFlow(factory);

        using var response = await flow.SendAsync(HttpMethod.Get, path, await flow.TokenAsync());

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains("OperationOutcome", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatientExport_HoldsTheHandMadePatientsAndTheCohort_AndTheHandMadeGroupOnlyThose()
    {
        await using var factory = BulkFlow.Factory(cohortSize: 4);
        var flow = new BulkFlow(factory);
        var token = await flow.TokenAsync();

        var everyone = await flow.ReadAllAsync(await flow.ExportAsync("Patient/$export?_type=Patient", token), token);
        var handMade = await flow.ReadAllAsync(await flow.ExportAsync("Group/sandbox-patients/$export?_type=Patient", token), token);

        var everyoneIds = everyone.Select(r => r.GetProperty("id").GetString()!).ToList();
        var handMadeIds = handMade.Select(r => r.GetProperty("id").GetString()!).ToList();
        Assert.Contains("de-novo-bone-pik3ca", handMadeIds);
        Assert.DoesNotContain(handMadeIds, id => id.StartsWith("cohort-", StringComparison.Ordinal));
        Assert.Equal(handMadeIds.Count + 4, everyoneIds.Count);
        Assert.Equal(["cohort-000000", "cohort-000001", "cohort-000002", "cohort-000003"], everyoneIds.Where(id => id.StartsWith("cohort-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TypeParameter_LimitsTheExportToThoseTypes()
    {
        await using var factory = BulkFlow.Factory(cohortSize: 5);
        var flow = new BulkFlow(factory);
        var token = await flow.TokenAsync();

        var manifest = await flow.ExportAsync("Group/mbc-cohort/$export?_type=Condition", token);
        var resources = await flow.ReadAllAsync(manifest, token);

        Assert.All(manifest.GetProperty("output").EnumerateArray(), f => Assert.Equal("Condition", f.GetProperty("type").GetString()));
        Assert.NotEmpty(resources);
        Assert.All(resources, r => Assert.Equal("Condition", r.GetProperty("resourceType").GetString()));
    }

    [Fact]
    public async Task ALargeType_IsSplitIntoSeveralFiles_EachResourceInExactlyOne()
    {
        await using var factory = BulkFlow.Factory(cohortSize: 20, resourcesPerFile: 50);
        var flow = new BulkFlow(factory);
        var token = await flow.TokenAsync();

        var manifest = await flow.ExportAsync("Group/mbc-cohort/$export?_type=Observation", token);
        var files = manifest.GetProperty("output").EnumerateArray().ToList();
        var perFile = new List<List<JsonElement>>();
        foreach (var file in files) perFile.Add(await flow.ReadFileAsync(file.GetProperty("url").GetString()!, token));

        Assert.True(files.Count >= 3, $"expected several Observation files, got {files.Count}");
        Assert.Equal(files.Select(f => f.GetProperty("url").GetString()).Distinct().Count(), files.Count);
        Assert.Equal(files.Select(f => f.GetProperty("count").GetInt64()), perFile.Select(lines => (long)lines.Count));
        var ids = perFile.SelectMany(lines => lines).Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Delete_Is202_AndTheStatusAndFilesAreGoneAfterwards()
    {
        await using var factory = BulkFlow.Factory(cohortSize: 3);
        var flow = new BulkFlow(factory);
        var token = await flow.TokenAsync();
        var status = await flow.KickOffAsync("Group/mbc-cohort/$export", token);
        var manifest = await flow.ManifestAsync(status, token);
        var file = manifest.GetProperty("output")[0].GetProperty("url").GetString()!;

        using var deleted = await flow.SendAsync(HttpMethod.Delete, status, token, prefer: null);
        using var statusAfter = await flow.SendAsync(HttpMethod.Get, status, token, prefer: null);
        using var fileAfter = await flow.SendAsync(HttpMethod.Get, file, token, prefer: null);
        using var deletedAgain = await flow.SendAsync(HttpMethod.Delete, status, token, prefer: null);

        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, statusAfter.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, fileAfter.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
    }
}
