using System.Net;
using System.Text.Json;

namespace MbcFhirEdu.Sandbox.Tests.Bulk;

/// <summary>An advance may delete metastasis Conditions (entered in error); an export with <c>_since</c> lists them in its <c>deleted</c> file.</summary>
public sealed class BulkDeletedTests
{
    [Fact]
    public async Task An_export_since_an_advance_with_deletions_lists_them_in_a_deleted_file_of_DELETE_Bundles()
    {
        await using var factory = BulkFlow.Factory(cohortSize: 40);
        var flow = new BulkFlow(factory);
        var token = await flow.TokenAsync();
        var first = await flow.ExportAsync("Group/mbc-cohort/$export?_type=Condition", token);
        var since = first.GetProperty("transactionTime").GetString()!;
        var conditionsBefore = (await flow.ReadAllAsync(first, token)).Select(r => r.GetProperty("id").GetString()!).ToHashSet();

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        using var advanced = await flow.Http.PostAsync("/sandbox/_cohort/advance?patients=2&deletions=3", content: null);
        var body = JsonDocument.Parse(await advanced.Content.ReadAsStringAsync()).RootElement;
        var second = await flow.ExportAsync($"Group/mbc-cohort/$export?_type=Condition&_since={Uri.EscapeDataString(since)}", token);
        var full = await flow.ExportAsync("Group/mbc-cohort/$export?_type=Condition", token);

        Assert.Equal(HttpStatusCode.OK, advanced.StatusCode);
        var deleted = body.GetProperty("deleted").EnumerateArray().Select(d => d.GetProperty("resource").GetString()!).ToList();
        Assert.Equal(3, deleted.Count);
        var changed = body.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("patient").GetString()!).ToList();
        Assert.DoesNotContain(body.GetProperty("deleted").EnumerateArray(), d => changed.Contains(d.GetProperty("patient").GetString()!));
        Assert.All(deleted, d => Assert.Contains(d["Condition/".Length..], conditionsBefore));

        var file = Assert.Single(second.GetProperty("deleted").EnumerateArray());
        Assert.Equal("Bundle", file.GetProperty("type").GetString());
        Assert.Equal(3, file.GetProperty("count").GetInt32());
        var bundles = await flow.ReadFileAsync(file.GetProperty("url").GetString()!, token);
        Assert.All(bundles, b => Assert.Equal("transaction", b.GetProperty("type").GetString()));
        var requests = bundles.SelectMany(b => b.GetProperty("entry").EnumerateArray()).Select(e => e.GetProperty("request")).ToList();
        Assert.All(requests, r => Assert.Equal("DELETE", r.GetProperty("method").GetString()));
        Assert.Equal(deleted, requests.Select(r => r.GetProperty("url").GetString()!).ToList());

        Assert.False(full.TryGetProperty("deleted", out _));
        var conditionsAfter = (await flow.ReadAllAsync(full, token)).Select(r => "Condition/" + r.GetProperty("id").GetString()).ToHashSet();
        Assert.All(deleted, d => Assert.DoesNotContain(d, conditionsAfter));
    }

    [Fact]
    public async Task An_export_since_an_advance_without_deletions_has_no_deleted_file()
    {
        await using var factory = BulkFlow.Factory(cohortSize: 10);
        var flow = new BulkFlow(factory);
        var token = await flow.TokenAsync();

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        using var advanced = await flow.Http.PostAsync("/sandbox/_cohort/advance?patients=3", content: null);
        var manifest = await flow.ExportAsync("Group/mbc-cohort/$export?_since=2026-07-01T00:00:00Z", token);

        Assert.Equal(HttpStatusCode.OK, advanced.StatusCode);
        Assert.NotEmpty(manifest.GetProperty("output").EnumerateArray());
        Assert.False(manifest.TryGetProperty("deleted", out _));
    }

    [Fact]
    public async Task A_negative_number_of_deletions_is_a_bad_request()
    {
        await using var factory = BulkFlow.Factory(cohortSize: 10);
        var flow = new BulkFlow(factory);

        using var response = await flow.Http.PostAsync("/sandbox/_cohort/advance?deletions=-1", content: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
