using System.Diagnostics;
using System.Text.Json;
using MbcFhirEdu.Data.Population;
using MbcFhirEdu.Fhir.Bulk;
using MbcFhirEdu.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Cli.Tests;

/// <summary>
/// <c>mbcedu population run</c> end to end against the sandbox's <c>$export</c> over HTTP: cohort → worklist, a run with
/// <c>_since</c> after a cohort advance, a stopped run resumed, and two worker processes on one PostgreSQL. The tests
/// share one sandbox and run one after another (the CLI reads its settings from the process environment).
/// </summary>
[Collection(PopulationEnvironment.Name)]
public sealed class PopulationSandboxTests(PopulationSandbox sandbox) : IClassFixture<PopulationSandbox>
{
    private static string NewSqlite() => Path.Combine(Path.GetTempPath(), $"mbcedu-population-{Guid.NewGuid():N}.db");

    private string[] Args(string sqlite, params string[] more) =>
        ["population", "run", "--fhir", sandbox.FhirBase.AbsoluteUri, "--group", "mbc-cohort", "--sqlite", sqlite, "--json", .. more];

    private JsonElement Run(params string[] args)
    {
        PopulationEnvironment.Apply(sandbox.Environment);
        var result = Cli.Run(args);
        Assert.True(result.ExitCode == CliApp.Ok, $"exit {result.ExitCode}: {result.Error}\n{result.Out}");
        return JsonDocument.Parse(result.Out).RootElement.Clone();
    }

    private async Task<List<string>> WorklistAsync(PopulationServices.Target target)
    {
        await using var services = PopulationServices.Build(sandbox.FhirBase, target);
        var page = await services.GetRequiredService<WorklistStore>().ListAsync(new WorklistQuery(null, 1, WorklistStore.MaxPageSize), CancellationToken.None);
        return [.. page.Items.Select(i => $"{i.PatientId}|{i.Reason}|{i.Detail}").Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task A_cohort_goes_from_export_to_a_worklist_and_the_same_run_again_adds_nothing()
    {
        var db = NewSqlite();

        var first = Run(Args(db));
        var again = Run(Args(db));

        Assert.Equal("completed", first.GetProperty("status").GetString());
        Assert.Equal(40, first.GetProperty("patientsProcessed").GetInt32());
        Assert.True(first.GetProperty("filesProcessed").GetInt32() > 4);
        var worklist = await WorklistAsync(new(null, db, false));
        Assert.NotEmpty(worklist);
        Assert.All(worklist, e => Assert.EndsWith("|NoMaterialsSent|no materials sent yet", e, StringComparison.Ordinal));
        Assert.Equal(first.GetProperty("worklistEntriesAdded").GetInt32(), worklist.Count);
        Assert.Equal("completed", again.GetProperty("status").GetString());
        Assert.Equal(0, again.GetProperty("worklistEntriesAdded").GetInt32());
    }

    [Fact]
    public async Task After_a_cohort_advance_a_run_with_since_compares_only_the_changed_patients()
    {
        var db = NewSqlite();
        Run(Args(db));
        var before = await WorklistAsync(new(null, db, false));
        await Task.Delay(20); // the advance's lastUpdated after the first export's transaction time
        var changed = await sandbox.AdvanceCohortAsync(5);

        var second = Run(Args(db));

        Assert.Equal(changed.Count, second.GetProperty("patientsProcessed").GetInt32());
        var added = (await WorklistAsync(new(null, db, false))).Except(before).ToList();
        Assert.Equal(second.GetProperty("worklistEntriesAdded").GetInt32(), added.Count);
        Assert.All(added, e => Assert.Contains(e.Split('|')[0], changed));
    }

    [Fact]
    public async Task A_run_stopped_after_two_files_resumes_the_same_export_and_ends_with_the_same_worklist()
    {
        var stopped = NewSqlite();
        var target = new PopulationServices.Target(null, stopped, false);
        PopulationEnvironment.Apply(sandbox.Environment);
        using var stop = new CancellationTokenSource();
        await using (var services = PopulationServices.Build(sandbox.FhirBase, target, s => StopAfterTwoFiles(s, stop)))
        {
            await PopulationServices.PrepareDatabaseAsync(services, target, CancellationToken.None);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                services.GetRequiredService<PopulationRunner>().RunAsync(new PopulationRunRequest(sandbox.FhirBase, "mbc-cohort", null), stop.Token));
        }
        var complete = NewSqlite();
        var reference = Run(Args(complete));

        var resumed = Run(Args(stopped));

        Assert.Equal(reference.GetProperty("filesProcessed").GetInt32() - 2, resumed.GetProperty("filesProcessed").GetInt32());
        Assert.Equal(await WorklistAsync(new(null, complete, false)), await WorklistAsync(target));
    }

    [Fact]
    public async Task Two_worker_processes_on_one_PostgreSQL_split_the_files_and_make_the_same_worklist_as_one_worker()
    {
        var single = NewSqlite();
        var one = Run(Args(single));
        var cluster = await PostgresCluster.SharedAsync();
        var postgres = await cluster.CreateDatabaseAsync("mbcedu_population");
        var target = new PopulationServices.Target(postgres, null, true);
        await using (var services = PopulationServices.Build(sandbox.FhirBase, target))
            await PopulationServices.PrepareDatabaseAsync(services, target, CancellationToken.None);

        var workers = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => BoundedProcess.RunAsync(Worker(postgres, i, 2), TimeSpan.FromMinutes(4))));

        Assert.All(workers, w => Assert.True(w.ExitCode == 0 && !w.TimedOut, w.Output));
        var summaries = workers.Select(w => JsonDocument.Parse(w.StandardOutput).RootElement).ToList();
        Assert.Single(summaries.Select(s => s.GetProperty("runId").GetString()).Distinct());
        Assert.All(summaries, s => Assert.True(s.GetProperty("filesProcessed").GetInt32() > 0));
        Assert.Equal(one.GetProperty("filesProcessed").GetInt32(), summaries.Sum(s => s.GetProperty("filesProcessed").GetInt32()));
        Assert.Equal(await WorklistAsync(new(null, single, false)), await WorklistAsync(new(postgres, null, false)));
        await cluster.DropDatabaseAsync(postgres);
    }

    private ProcessStartInfo Worker(string postgres, int index, int count)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "mbcedu.dll"), "population", "run", "--fhir", sandbox.FhirBase.AbsoluteUri,
            "--group", "mbc-cohort", "--database", postgres, "--worker-index", $"{index}", "--worker-count", $"{count}", "--json"])
            start.ArgumentList.Add(arg);
        foreach (var (key, value) in sandbox.Environment) start.Environment[key] = value;
        return start;
    }

    // The registered client stays as it is, wrapped by one that stops the run.
    private static void StopAfterTwoFiles(IServiceCollection services, CancellationTokenSource stop)
    {
        var original = services.Single(d => d.ServiceType == typeof(IBulkExportClient));
        services.Remove(original);
        services.Add(new ServiceDescriptor(original.ImplementationType!, original.ImplementationType!, original.Lifetime));
        services.AddSingleton<IBulkExportClient>(sp => new StoppingClient((IBulkExportClient)sp.GetRequiredService(original.ImplementationType!), 2, stop));
    }

    /// <summary>Stops the run (as Ctrl+C would) when the file after <paramref name="files"/> is opened.</summary>
    private sealed class StoppingClient(IBulkExportClient inner, int files, CancellationTokenSource stop) : IBulkExportClient
    {
        private int _opened;

        public Task<Uri> KickOffAsync(BulkExportRequest request, CancellationToken cancellationToken) => inner.KickOffAsync(request, cancellationToken);
        public Task<BulkExportManifest> WaitForManifestAsync(Uri statusUrl, CancellationToken cancellationToken) => inner.WaitForManifestAsync(statusUrl, cancellationToken);
        public Task DeleteAsync(Uri statusUrl, CancellationToken cancellationToken) => inner.DeleteAsync(statusUrl, cancellationToken);

        public Task<Stream> OpenFileAsync(BulkExportFile file, bool requiresAccessToken, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _opened) > files) stop.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
            return inner.OpenFileAsync(file, requiresAccessToken, cancellationToken);
        }
    }
}

/// <summary>The population tests set process environment variables (the CLI's configuration): they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PopulationEnvironment
{
    public const string Name = "population environment";

    public static void Apply(IReadOnlyDictionary<string, string> variables)
    {
        foreach (var (key, value) in variables) System.Environment.SetEnvironmentVariable(key, value);
    }
}
