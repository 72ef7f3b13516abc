using System.Net;

namespace MbcFhirEdu.Sandbox.Tests.Bulk;

public sealed class BulkTypeFilterTests
{
    [Fact]
    public async Task ObservationCodeFilter_ExportsOnlyThoseObservations_AndOtherTypesWhole()
    {
        await using var factory = BulkFlow.Factory(cohortSize: 8);
        var flow = new BulkFlow(factory);
        var token = await flow.TokenAsync();
        var filter = Uri.EscapeDataString("Observation?code=" + Uri.EscapeDataString("http://loinc.org|85337-4"));

        var manifest = await flow.ExportAsync($"Group/mbc-cohort/$export?_type=Patient,Observation&_typeFilter={filter}", token);
        var resources = await flow.ReadAllAsync(manifest, token);

        var observations = resources.Where(r => r.GetProperty("resourceType").GetString() == "Observation").ToList();
        Assert.Equal(8, observations.Count);
        Assert.All(observations, o => Assert.Equal("85337-4", o.GetProperty("code").GetProperty("coding")[0].GetProperty("code").GetString()));
        Assert.Equal(8, resources.Count(r => r.GetProperty("resourceType").GetString() == "Patient"));
    }

    [Fact]
    public async Task AFilterItCannotApply_IsAWarningInTheErrorFile_AndTheTypeIsExportedWhole()
    {
        await using var factory = BulkFlow.Factory(cohortSize: 3);
        var flow = new BulkFlow(factory);
        var token = await flow.TokenAsync();

        var manifest = await flow.ExportAsync("Group/mbc-cohort/$export?_type=Condition&_typeFilter=" + Uri.EscapeDataString("Condition?onset-date=ge2020"), token);
        var error = Assert.Single(manifest.GetProperty("error").EnumerateArray());
        var outcomes = await flow.ReadFileAsync(error.GetProperty("url").GetString()!, token);

        Assert.Equal("OperationOutcome", error.GetProperty("type").GetString());
        var issue = Assert.Single(outcomes).GetProperty("issue")[0];
        Assert.Equal("warning", issue.GetProperty("severity").GetString());
        Assert.Contains("onset-date", issue.GetProperty("diagnostics").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(await flow.ReadAllAsync(manifest, token));
    }

    [Fact]
    public async Task AFilterItCannotApply_WithStrictHandling_IsABadRequest()
    {
        await using var factory = BulkFlow.Factory(cohortSize: 3);
        var flow = new BulkFlow(factory);

        using var response = await flow.SendAsync(HttpMethod.Get, "Group/mbc-cohort/$export?_typeFilter=" + Uri.EscapeDataString("Condition?onset-date=ge2020"),
            await flow.TokenAsync(), prefer: "respond-async, handling=strict");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ABrokenRecordInTheCohort_IsLeftOutAndNamedInTheErrorFile()
    {
        await using var factory = BulkFlow.Factory(cohortSize: 6, more: new Dictionary<string, string?> { ["Sandbox:Cohort:UnexportableEvery"] = "3" });
        var flow = new BulkFlow(factory);
        var token = await flow.TokenAsync();

        var manifest = await flow.ExportAsync("Group/mbc-cohort/$export?_type=Observation", token);
        var error = Assert.Single(manifest.GetProperty("error").EnumerateArray());
        var outcomes = await flow.ReadFileAsync(error.GetProperty("url").GetString()!, token);
        var exported = await flow.ReadAllAsync(manifest, token);

        Assert.Equal(2, error.GetProperty("count").GetInt64());
        var diagnostics = outcomes.Select(o => o.GetProperty("issue")[0].GetProperty("diagnostics").GetString()!).ToList();
        Assert.Contains(diagnostics, d => d.StartsWith("Observation/cohort-000002-obs-0 ", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.StartsWith("Observation/cohort-000005-obs-0 ", StringComparison.Ordinal));
        Assert.All(outcomes, o => Assert.Equal("error", o.GetProperty("issue")[0].GetProperty("severity").GetString()));
        Assert.DoesNotContain(exported, r => r.GetProperty("id").GetString() is "cohort-000002-obs-0" or "cohort-000005-obs-0");
        Assert.Contains(exported, r => r.GetProperty("id").GetString() == "cohort-000001-obs-0");
    }
}
