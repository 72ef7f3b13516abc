using System.Text.Json;
using MbcFhirEdu.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Cli.Tests;

/// <summary>
/// End to end over HTTP: the sandbox deletes metastasis Conditions in an advance, the next run's export (automatic
/// <c>_since</c>) carries a <c>deleted</c> file, and the run removes those resources and compares their patients again
/// without a finding. Its own sandbox, so its deletions do not change the other population tests' cohort.
/// </summary>
[Collection(PopulationEnvironment.Name)]
public sealed class PopulationDeletedSandboxTests(PopulationSandbox sandbox) : IClassFixture<PopulationSandbox>
{
    [Fact]
    public async Task After_an_advance_that_deletes_metastases_the_next_run_drops_them_and_lists_only_the_changed_patients()
    {
        var db = Path.Combine(Path.GetTempPath(), $"mbcedu-population-{Guid.NewGuid():N}.db");
        string[] args = ["population", "run", "--fhir", sandbox.FhirBase.AbsoluteUri, "--group", "mbc-cohort", "--sqlite", db, "--json"];
        Run(args);
        await Task.Delay(20); // the advance's time after the first export's transaction time
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(sandbox.FhirBase.AbsoluteUri.Replace("/sandbox/fhir", "/sandbox/_cohort/advance?patients=2&deletions=3", StringComparison.Ordinal)), null);
        response.EnsureSuccessStatusCode();
        using var advance = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var changed = advance.RootElement.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("patient").GetString()!).ToList();
        var deleted = advance.RootElement.GetProperty("deleted").EnumerateArray()
            .Select(d => (Patient: d.GetProperty("patient").GetString()!, Id: d.GetProperty("resource").GetString()!["Condition/".Length..])).ToList();
        Assert.Equal(3, deleted.Count);
        var target = new PopulationServices.Target(null, db, false);
        Assert.Equal(3, await StagedAsync(target, deleted.Select(d => d.Id).ToList()));

        var second = Run(args);

        Assert.Equal("completed", second.GetProperty("status").GetString());
        Assert.Equal(changed.Count + deleted.Count, second.GetProperty("patientsProcessed").GetInt32());
        Assert.Equal(0, await StagedAsync(target, deleted.Select(d => d.Id).ToList()));
        Assert.DoesNotContain(second.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("deleted", StringComparison.Ordinal));
    }

    private JsonElement Run(string[] args)
    {
        PopulationEnvironment.Apply(sandbox.Environment);
        var result = Cli.Run(args);
        Assert.True(result.ExitCode == CliApp.Ok, $"exit {result.ExitCode}: {result.Error}\n{result.Out}");
        return JsonDocument.Parse(result.Out).RootElement.Clone();
    }

    private async Task<int> StagedAsync(PopulationServices.Target target, List<string> ids)
    {
        await using var services = PopulationServices.Build(sandbox.FhirBase, target);
        await using var context = await services.GetRequiredService<IDbContextFactory<MbcEduDbContext>>().CreateDbContextAsync();
        return await context.PopulationStaging.CountAsync(s => s.ResourceType == "Condition" && ids.Contains(s.ResourceId));
    }
}
