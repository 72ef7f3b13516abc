using System.Net;
using System.Text.Json;

namespace MbcFhirEdu.Sandbox.Tests.Bulk;

public sealed class BulkSinceTests
{
    [Fact]
    public async Task SinceTheFirstExport_AfterAnAdvance_ReturnsExactlyTheChangedPatientsNewResources()
    {
        await using var factory = BulkFlow.Factory(cohortSize: 40);
        var flow = new BulkFlow(factory);
        var token = await flow.TokenAsync();
        var first = await flow.ExportAsync("Group/mbc-cohort/$export", token);
        var since = first.GetProperty("transactionTime").GetString()!;

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        using var advanced = await flow.Http.PostAsync("/sandbox/_cohort/advance?patients=6", content: null);
        var changes = JsonDocument.Parse(await advanced.Content.ReadAsStringAsync()).RootElement.GetProperty("changes");
        var second = await flow.ExportAsync($"Group/mbc-cohort/$export?_since={Uri.EscapeDataString(since)}", token);
        var resources = await flow.ReadAllAsync(second, token);

        Assert.Equal(HttpStatusCode.OK, advanced.StatusCode);
        var changed = changes.EnumerateArray().Select(c => c.GetProperty("patient").GetString()!).Order().ToList();
        Assert.Equal(6, changed.Count);
        // Every change is one new or updated resource: the export holds one per changed patient and nothing else.
        Assert.Equal(changed, resources.Select(PatientOf).Order().ToList());
        Assert.All(resources, r => Assert.True(
            DateTimeOffset.Parse(r.GetProperty("meta").GetProperty("lastUpdated").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.Parse(since, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task AnExportStartedBeforeAnAdvance_KeepsTheStateOfItsTransactionTime()
    {
        await using var factory = BulkFlow.Factory(cohortSize: 10);
        var flow = new BulkFlow(factory);
        var token = await flow.TokenAsync();
        var status = await flow.KickOffAsync("Group/mbc-cohort/$export?_since=2026-07-01T00:00:00Z", token);

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        using var advanced = await flow.Http.PostAsync("/sandbox/_cohort/advance?patients=10", content: null);
        var before = await flow.ManifestAsync(status, token);
        var after = await flow.ExportAsync("Group/mbc-cohort/$export?_since=2026-07-01T00:00:00Z", token);

        Assert.Equal(HttpStatusCode.OK, advanced.StatusCode);
        Assert.Empty(before.GetProperty("output").EnumerateArray());
        Assert.Equal(10, (await flow.ReadAllAsync(after, token)).Count);
    }

    [Fact]
    public async Task AdvanceOnADisabledCohort_IsAConflict()
    {
        await using var factory = BulkFlow.Factory(cohortSize: 0);
        var flow = new BulkFlow(factory);

        using var response = await flow.Http.PostAsync("/sandbox/_cohort/advance", content: null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    private static string PatientOf(JsonElement resource) =>
        resource.GetProperty("resourceType").GetString() == "Patient"
            ? resource.GetProperty("id").GetString()!
            : resource.GetProperty("subject").GetProperty("reference").GetString()!["Patient/".Length..];
}
