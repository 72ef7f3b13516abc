using System.Diagnostics;
using MbcFhirEdu.Data.Population;
using MbcFhirEdu.Fhir.Smart;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Features.Population;

/// <summary>
/// The scheduled population run (issue 18 item 4): after <c>Population:Schedule:InitialDelay</c>, then once per
/// <c>Interval</c>, it takes the run lock (<see cref="IPopulationRunLock"/>: one replica at a time) and runs
/// <see cref="PopulationRunner"/> on the configured FHIR base and Group, incrementally (the runner takes <c>_since</c>
/// from the last completed run). A replica that finds the lock held skips that interval. A failed run is logged and the
/// next interval tries again; on shutdown the run is cancelled and the next run resumes it from the files not yet done.
/// </summary>
internal sealed class PopulationScheduler(
    PopulationRunner runner,
    IPopulationRunLock runLock,
    IssuerAllowList allowList,
    PopulationScheduleStatus status,
    IOptions<PopulationScheduleOptions> options,
    [FromKeyedServices(PopulationScheduler.ClockKey)] TimeProvider clock,
    ILogger<PopulationScheduler> logger) : BackgroundService
{
    /// <summary>The schedule's own clock (a keyed <see cref="TimeProvider"/>): tests move it without moving the app's.</summary>
    public const string ClockKey = "population-schedule";

    /// <summary>One scheduled attempt, now: take the lock or skip, run, record the outcome. Never throws but for shutdown.</summary>
    public async Task<ScheduledRunOutcome> RunOnceAsync(CancellationToken stoppingToken)
    {
        status.Begin();
        var (outcome, summary) = await AttemptAsync(stoppingToken).ConfigureAwait(false);
        status.Record(new ScheduledRunAttempt(clock.GetUtcNow(), outcome, summary));
        return outcome;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (o.Enabled != true) return;
        PopulationLog.ScheduleStarted(logger, o.Interval.TotalMinutes, o.InitialDelay.TotalSeconds, runLock is PostgresRunLock ? "PostgreSQL advisory" : "in-process (SQLite: one instance)");
        try
        {
            await Task.Delay(o.InitialDelay, clock, stoppingToken).ConfigureAwait(false);
            // Ticks are counted from here: a run longer than the interval is followed by one run at once, never a pile.
            using var timer = new PeriodicTimer(o.Interval, clock);
            do
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private async Task<(ScheduledRunOutcome, PopulationRunSummary?)> AttemptAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!allowList.TryGetIssuer(o.FhirBase, out var fhirBase))
        {
            PopulationLog.NotAllowed(logger);
            return (ScheduledRunOutcome.NotConfigured, null);
        }
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(o.RunTimeout);
        try
        {
            await using var held = await runLock.TryAcquireAsync(timeout.Token).ConfigureAwait(false);
            if (held is null)
            {
                PopulationLog.Skipped(logger);
                return (ScheduledRunOutcome.Skipped, null);
            }
            var summary = await runner.RunAsync(new PopulationRunRequest(fhirBase, o.GroupId, Since: null), timeout.Token).ConfigureAwait(false);
            var failed = summary.Status == "failed";
            if (failed) PopulationLog.RunFailed(logger, summary.RunId, summary.Errors.Count, summary.FilesFailed);
            PopulationLog.Finished(logger, summary.RunId, summary.Status, summary.FilesProcessed, summary.FilesFailed, summary.PatientsProcessed,
                summary.WorklistEntriesAdded, summary.Errors.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return (failed ? ScheduledRunOutcome.Failed : ScheduledRunOutcome.Completed, summary);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            PopulationLog.Cancelled(logger, "shutdown");
            throw;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            PopulationLog.Cancelled(logger, $"longer than Population:Schedule:RunTimeout {o.RunTimeout:c}");
            return (ScheduledRunOutcome.Cancelled, null);
        }
        catch (Exception e)
        {
            // Anything else, an HTTP timeout's cancellation included, fails this run only. The exception's type only: messages of lower layers may quote the data they choked on.
            PopulationLog.Failed(logger, e.GetType().Name);
            return (ScheduledRunOutcome.Failed, null);
        }
    }
}
