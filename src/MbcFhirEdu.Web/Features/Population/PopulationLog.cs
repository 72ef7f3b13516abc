namespace MbcFhirEdu.Web.Features.Population;

/// <summary>The scheduled population run's log lines: counts, ids of runs and exception type names, never PHI.</summary>
internal static partial class PopulationLog
{
    [LoggerMessage(3850, LogLevel.Information, "Population schedule on: every {IntervalMinutes} min, first run in {InitialDelaySeconds} s, lock {Lock}")]
    public static partial void ScheduleStarted(ILogger logger, double intervalMinutes, double initialDelaySeconds, string @lock);

    [LoggerMessage(3851, LogLevel.Information, "Scheduled population run skipped: another replica holds the lock")]
    public static partial void Skipped(ILogger logger);

    [LoggerMessage(3852, LogLevel.Information, "Scheduled population run {RunId}: {Status}, {Files} files ({FilesFailed} failed), {Patients} patients, {Entries} worklist entries, {Errors} errors, {ElapsedMs} ms")]
    public static partial void Finished(ILogger logger, Guid runId, string status, int files, int filesFailed, int patients, int entries, int errors, long elapsedMs);

    [LoggerMessage(3853, LogLevel.Warning, "Scheduled population run failed ({Error}); the next interval tries again")]
    public static partial void Failed(ILogger logger, string error);

    [LoggerMessage(3854, LogLevel.Information, "Scheduled population run stopped ({Reason}); it resumes from the files not yet processed")]
    public static partial void Cancelled(ILogger logger, string reason);

    [LoggerMessage(3856, LogLevel.Warning, "Scheduled population run {RunId} failed: {Errors} errors, {FilesFailed} files unreadable (the errors are in population_runs); the next interval tries again")]
    public static partial void RunFailed(ILogger logger, Guid runId, int errors, int filesFailed);

    [LoggerMessage(3855, LogLevel.Warning, "Scheduled population run not started: Population:Schedule:FhirBase is not one of Smart:AllowedIssuers")]
    public static partial void NotAllowed(ILogger logger);
}
