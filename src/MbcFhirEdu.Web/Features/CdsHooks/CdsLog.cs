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

    [LoggerMessage(3104, LogLevel.Information, "CDS fetch failed: {Missing} parts missing ({Kinds})")]
    public static partial void FetchFailed(ILogger logger, int missing, string kinds);

    [LoggerMessage(3105, LogLevel.Information, "CDS feedback stored: {Count} items")]
    public static partial void FeedbackStored(ILogger logger, int count);

    [LoggerMessage(3106, LogLevel.Warning, "CDS hook ran past its deadline")]
    public static partial void DeadlinePassed(ILogger logger);
}
