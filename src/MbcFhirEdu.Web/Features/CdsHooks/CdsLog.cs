namespace MbcFhirEdu.Web.Features.CdsHooks;

/// <summary>CDS Hooks log lines: codes and counts only (no patient ids, no tokens, no JWT contents).</summary>
internal static partial class CdsLog
{
    [LoggerMessage(3101, LogLevel.Information, "CDS request refused: {Code}")]
    public static partial void Refused(ILogger logger, string code);

    [LoggerMessage(3102, LogLevel.Information, "CDS client JWT refused: {Code}")]
    public static partial void JwtRefused(ILogger logger, string code);

    [LoggerMessage(3103, LogLevel.Debug, "CDS answer: {Cards} cards from {Items} materials; {Fetched} parts fetched in {Requests} FHIR requests")]
    public static partial void Answered(ILogger logger, int cards, int items, int fetched, int requests);

    [LoggerMessage(3104, LogLevel.Warning, "CDS fetch partly failed: {Missing} parts missing, {Incomplete} parts incomplete: {Gaps}")]
    public static partial void FetchPartial(ILogger logger, int missing, int incomplete, string gaps);

    [LoggerMessage(3105, LogLevel.Information, "CDS feedback stored: {Count} items")]
    public static partial void FeedbackStored(ILogger logger, int count);

    [LoggerMessage(3106, LogLevel.Warning, "CDS hook ran past its deadline during the {Stage}: {WaitedMs} ms (deadline {DeadlineMs} ms)")]
    public static partial void DeadlinePassed(ILogger logger, string stage, long waitedMs, long deadlineMs);

    // Request names ("Observation search (laboratory)") and durations only: no patient id, no fhirServer URL.
    [LoggerMessage(3107, LogLevel.Warning,
        "CDS hook hit its deadline: {Requests} unfinished after {WaitedMs} ms of fetching ({LeftMs} ms were left of the {DeadlineMs} ms deadline)")]
    public static partial void DeadlineReached(ILogger logger, string requests, long waitedMs, long leftMs, long deadlineMs);
}
