using System.Net;
using MbcFhirEdu.Web.Features.Population;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace MbcFhirEdu.Web.Tests.Population;

/// <summary>
/// The scheduled population run in the web app (issue 18 item 4) against the hosted sandbox's cohort Group: once per
/// interval on the schedule's clock; a failed run is logged without PHI and the next interval tries again; shutdown
/// cancels a run half-way and the next run resumes the same run; in one process a second attempt while a run holds the
/// lock is skipped. Database: the factory's (SQLite, or PostgreSQL with MBCEDU_TEST_DATABASE).
/// </summary>
public sealed class PopulationScheduleTests
{
    private static bool IsDownload(HttpRequestMessage r) => r.RequestUri!.AbsolutePath.Contains("/$export-file/", StringComparison.Ordinal);

    [Fact]
    public async Task The_schedule_runs_once_per_interval_against_the_sandbox_cohort()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var host = ScheduleHosts.Create(clock, enabled: true);
        await host.StartScheduleAsync(clock);

        var first = await host.AttemptAsync(1);

        Assert.Equal(ScheduledRunOutcome.Completed, first.Outcome);
        Assert.Equal("completed", first.Summary!.Status);
        Assert.True(first.Summary.PatientsProcessed >= 12,
            $"{first.Summary.PatientsProcessed} patients, {first.Summary.ResourcesRead} resources, {first.Summary.FilesProcessed} files; " + string.Join(" | ", first.Summary.Warnings.Concat(first.Summary.Errors)));
        Assert.True(first.Summary.WorklistEntriesAdded > 0);
        Assert.Equal(first.Summary.WorklistEntriesAdded, await host.WorklistCountAsync());

        clock.Advance(TimeSpan.FromMinutes(50));
        Assert.Equal(1, host.Status().Started); // not before the interval
        clock.Advance(TimeSpan.FromMinutes(10));
        var second = await host.AttemptAsync(2);

        Assert.Equal(ScheduledRunOutcome.Completed, second.Outcome);
        Assert.NotEqual(first.Summary.RunId, second.Summary!.RunId);
        Assert.Equal(0, second.Summary.WorklistEntriesAdded); // incremental: nothing changed in the sandbox since the first
        Assert.Equal(2, (await host.RunsAsync()).Count(r => r.FinishedAt is not null));
    }

    [Fact]
    public async Task A_failed_run_is_logged_and_the_next_interval_tries_again()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var host = ScheduleHosts.Create(clock, enabled: true);
        host.Factory.Fault = r => r.RequestUri!.AbsolutePath.EndsWith("/$export", StringComparison.Ordinal) ? HttpStatusCode.Forbidden : null;
        await host.StartScheduleAsync(clock);

        var failed = await host.AttemptAsync(1);

        Assert.Equal(ScheduledRunOutcome.Failed, failed.Outcome);
        Assert.Contains(host.Factory.Logs.Entries, e => e.Level == LogLevel.Warning && e.Category.EndsWith(nameof(PopulationScheduler), StringComparison.Ordinal)
            && e.Message.Contains("failed", StringComparison.Ordinal) && e.Message.Contains("next interval tries again", StringComparison.Ordinal));
        Assert.Equal(0, await host.WorklistCountAsync());

        host.Factory.Fault = null;
        clock.Advance(TimeSpan.FromHours(1));
        var next = await host.AttemptAsync(2);

        Assert.Equal(ScheduledRunOutcome.Completed, next.Outcome);
        Assert.True(await host.WorklistCountAsync() > 0);
    }

    [Fact]
    public async Task Shutdown_cancels_a_run_half_way_and_the_next_run_resumes_it()
    {
        var gate = new OutboundGate(IsDownload);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var host = ScheduleHosts.Create(clock, enabled: true, gate);
        var scheduler = host.Scheduler();
        await host.StartScheduleAsync(clock);
        await gate.WaitEnteredAsync();
        var started = Assert.Single(await host.RunsAsync());

        // What the host does on SIGTERM: cancel the scheduler's token and wait for it.
        await scheduler.StopAsync(CancellationToken.None);

        Assert.Null(Assert.Single(await host.RunsAsync()).FinishedAt);
        Assert.Contains(host.Factory.Logs.Lines, l => l.Contains("stopped (shutdown)", StringComparison.Ordinal));
        gate.Open();
        var outcome = await scheduler.RunOnceAsync(CancellationToken.None);

        Assert.Equal(ScheduledRunOutcome.Completed, outcome);
        Assert.Equal(started.Id, host.Status().Last!.Summary!.RunId);
        Assert.NotNull(Assert.Single(await host.RunsAsync()).FinishedAt);
    }

    [Fact]
    public async Task In_one_process_an_attempt_while_a_run_holds_the_lock_is_skipped()
    {
        var gate = new OutboundGate(IsDownload);
        using var host = ScheduleHosts.Create(new FakeTimeProvider(DateTimeOffset.UtcNow), enabled: false, gate);
        var scheduler = host.Scheduler();
        var running = scheduler.RunOnceAsync(CancellationToken.None);
        await gate.WaitEnteredAsync();

        Assert.Equal(ScheduledRunOutcome.Skipped, await scheduler.RunOnceAsync(CancellationToken.None));

        gate.Open();
        Assert.Equal(ScheduledRunOutcome.Completed, await running);
        Assert.Equal(ScheduledRunOutcome.Completed, await scheduler.RunOnceAsync(CancellationToken.None));
    }
}
