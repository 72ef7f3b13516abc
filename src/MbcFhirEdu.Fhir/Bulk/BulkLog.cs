using Microsoft.Extensions.Logging;

namespace MbcFhirEdu.Fhir.Bulk;

/// <summary>
/// Log messages of the Bulk Data client: steps, status codes, counts, paths of our own requests' kind — never file
/// contents, tokens, query strings (a <c>_typeFilter</c> may name codes) or OperationOutcome texts (they may name ids).
/// </summary>
internal static partial class BulkLog
{
    [LoggerMessage(2701, LogLevel.Information, "Bulk export kicked off ({Kind}, {TypeCount} types, since: {HasSince}, type filters: {TypeFilterCount})")]
    public static partial void KickedOff(ILogger logger, string kind, int typeCount, bool hasSince, int typeFilterCount);

    [LoggerMessage(2702, LogLevel.Warning, "Bulk export kick-off: the server answered 400 to _typeFilter (issue codes {Codes}); sent again without it, so the files hold every resource of the types asked for")]
    public static partial void TypeFilterDropped(ILogger logger, string codes);

    [LoggerMessage(2703, LogLevel.Information, "Bulk export in progress ({Progress}); next poll in {DelayMs} ms")]
    public static partial void InProgress(ILogger logger, string progress, long delayMs);

    [LoggerMessage(2704, LogLevel.Warning, "Bulk export status poll: transient {Status} ({Codes}); next poll in {DelayMs} ms")]
    public static partial void TransientStatus(ILogger logger, int status, string codes, long delayMs);

    [LoggerMessage(2705, LogLevel.Information, "Bulk export complete: {OutputFiles} output files, {ErrorFiles} error files, requiresAccessToken {RequiresAccessToken}")]
    public static partial void Complete(ILogger logger, int outputFiles, int errorFiles, bool requiresAccessToken);

    [LoggerMessage(2706, LogLevel.Information, "Bulk export download of a {Type} file answered 401; retrying once with a new token")]
    public static partial void DownloadUnauthorized(ILogger logger, string type);

    [LoggerMessage(2707, LogLevel.Information, "Bulk export job deleted (status {Status})")]
    public static partial void Deleted(ILogger logger, int status);

    [LoggerMessage(2708, LogLevel.Warning, "Bulk export {Step}: {Problem}")]
    public static partial void Failed(ILogger logger, string step, string problem);
}
