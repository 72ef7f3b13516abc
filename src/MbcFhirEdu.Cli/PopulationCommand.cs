using System.CommandLine;
using MbcFhirEdu.Data.Population;
using MbcFhirEdu.Fhir.Bulk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MbcFhirEdu.Cli;

/// <summary>
/// <c>mbcedu population run --fhir BASE --group ID [--since DATE | --full] [--database CONNSTRING | --sqlite PATH]
/// [--migrate] [--worker-index I --worker-count N] [--json]</c>: one population run (docs/population.md) — Bulk Data
/// export, staging, compare, worklist — and its summary. Exit 0 when the run completed, 1 when it failed or could not
/// start (one line per problem on stderr), 2 on usage errors. A stopped run resumes when started again with the same
/// arguments.
/// </summary>
public static class PopulationCommand
{
    public static Command Create(CliOutput io)
    {
        var fhir = new Option<string>("--fhir") { Description = "The FHIR server's base URL (Bulk Data export)", Required = true };
        var group = new Option<string?>("--group") { Description = "The Group to export (without it: Patient/$export, every patient)" };
        var since = new Option<DateTimeOffset?>("--since") { Description = "Export only what changed since this instant (default: the last completed run's transaction time)" };
        var full = new Option<bool>("--full") { Description = "Export everything, whatever the last run was" };
        var database = new Option<string?>("--database") { Description = "PostgreSQL connection string (default: Database:* and ConnectionStrings:MbcEdu, else SQLite)" };
        var sqlite = new Option<string?>("--sqlite") { Description = "SQLite database file" };
        var migrate = new Option<bool>("--migrate") { Description = "Apply database migrations first (always done for SQLite)" };
        var index = new Option<int?>("--worker-index") { Description = "This worker's index, from 0 (a Kubernetes Indexed Job's JOB_COMPLETION_INDEX)" };
        var count = new Option<int?>("--worker-count") { Description = "How many workers share the run" };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON" };
        var run = new Command("run", "Export a cohort, compare each patient's profile with the last run's, and write the worklist")
        {
            fhir, group, since, full, database, sqlite, migrate, index, count, json,
        };
        run.Validators.Add(result =>
        {
            if (result.GetValue(database) is not null && result.GetValue(sqlite) is not null) result.AddError("give --database or --sqlite, not both");
            if (result.GetValue(since) is not null && result.GetValue(full)) result.AddError("give --since or --full, not both");
            if (result.GetValue(index) is null != result.GetValue(count) is null) result.AddError("give --worker-index and --worker-count together");
        });
        run.SetAction((parse, ct) =>
        {
            if (!Uri.TryCreate(parse.GetValue(fhir), UriKind.Absolute, out var fhirBase) || fhirBase.Scheme is not ("http" or "https"))
            {
                io.Error.WriteLine("mbcedu: --fhir must be an absolute http(s) URL");
                return Task.FromResult(CliApp.Failed);
            }
            var request = new PopulationRunRequest(fhirBase, parse.GetValue(group), parse.GetValue(since), parse.GetValue(index), parse.GetValue(count))
            {
                FullExport = parse.GetValue(full),
            };
            var target = new PopulationServices.Target(parse.GetValue(database), parse.GetValue(sqlite), parse.GetValue(migrate));
            return RunAsync(request, target, parse.GetValue(json), io, ct);
        });
        return new Command("population", "Population mode: a whole cohort from Bulk Data to a worklist") { run };
    }

    private static async Task<int> RunAsync(PopulationRunRequest request, PopulationServices.Target target, bool json, CliOutput io, CancellationToken ct)
    {
        try
        {
            await using var services = PopulationServices.Build(request.FhirBase, target);
            await PopulationServices.PrepareDatabaseAsync(services, target, ct).ConfigureAwait(false);
            var summary = await services.GetRequiredService<PopulationRunner>().RunAsync(request, ct).ConfigureAwait(false);
            io.Out.Write(json ? PopulationSummaryText.Json(summary) : PopulationSummaryText.Text(summary));
            foreach (var error in summary.Errors) io.Error.WriteLine($"mbcedu: {error}");
            return summary.Status == "completed" ? CliApp.Ok : CliApp.Failed;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            io.Error.WriteLine("mbcedu: stopped; run the same command again to resume");
            return CliApp.Failed;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or OptionsValidationException or NpgsqlException
            or Microsoft.Data.Sqlite.SqliteException or BulkExportException or HttpRequestException or TimeoutException)
        {
            // Configuration, database or server problems: one clear line each, never a stack trace.
            foreach (var line in Describe(e)) io.Error.WriteLine($"mbcedu: {line}");
            return CliApp.Failed;
        }
    }

    private static IEnumerable<string> Describe(Exception e) => e switch
    {
        OptionsValidationException options => options.Failures,
        NpgsqlException or Microsoft.Data.Sqlite.SqliteException => [$"database: {e.Message}"],
        _ => [e.Message],
    };
}
