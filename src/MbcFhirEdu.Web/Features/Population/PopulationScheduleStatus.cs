using MbcFhirEdu.Data.Population;

namespace MbcFhirEdu.Web.Features.Population;

/// <summary>How one scheduled attempt ended.</summary>
public enum ScheduledRunOutcome { Completed, Failed, Skipped, Cancelled, NotConfigured }

/// <summary>One scheduled attempt: when it ended, how, and the run's summary when it ran.</summary>
public sealed record ScheduledRunAttempt(DateTimeOffset EndedAt, ScheduledRunOutcome Outcome, PopulationRunSummary? Summary);

/// <summary>
/// What this process's scheduler has done since start (for operators' logs and for tests): attempts, and the last one.
/// Only the scheduler writes it.
/// </summary>
public sealed class PopulationScheduleStatus
{
    private readonly Lock _gate = new();
    private int _started;
    private int _attempts;
    private int _runs;
    private ScheduledRunAttempt? _last;

    /// <summary>Attempts begun so far; more than <see cref="Attempts"/> while one is under way (or was cut by shutdown).</summary>
    public int Started { get { lock (_gate) return _started; } }

    /// <summary>Attempts ended so far (a skipped attempt counts: the interval came and another replica had the lock).</summary>
    public int Attempts { get { lock (_gate) return _attempts; } }

    /// <summary>Attempts that ran the population run to its end (completed, or this worker's share done).</summary>
    public int Runs { get { lock (_gate) return _runs; } }

    public ScheduledRunAttempt? Last { get { lock (_gate) return _last; } }

    internal void Begin()
    {
        lock (_gate) _started++;
    }

    internal void Record(ScheduledRunAttempt attempt)
    {
        lock (_gate)
        {
            _attempts++;
            if (attempt.Outcome == ScheduledRunOutcome.Completed) _runs++;
            _last = attempt;
        }
    }
}
