namespace MbcFhirEdu.Sandbox.Features.Bulk;

/// <summary>Bulk export log events. Jobs are named by the first characters of their id; no patient data is logged.</summary>
internal static partial class BulkLog
{
    [LoggerMessage(1701, LogLevel.Information, "Bulk export {JobId} started by client {ClientId} for {Members} patients, types {Types}")]
    public static partial void BulkJobStarted(this ILogger logger, string jobId, string clientId, int members, string types);

    [LoggerMessage(1702, LogLevel.Information, "Bulk export {JobId} planned: {Files} files, {Resources} resources, {Errors} errors")]
    public static partial void BulkJobPlanned(this ILogger logger, string jobId, int files, long resources, int errors);

    [LoggerMessage(1703, LogLevel.Warning, "Bulk export {JobId} failed: {ExceptionType}")]
    public static partial void BulkJobFailed(this ILogger logger, string jobId, string exceptionType);

    [LoggerMessage(1704, LogLevel.Information, "Bulk export {JobId} deleted")]
    public static partial void BulkJobDeleted(this ILogger logger, string jobId);

    [LoggerMessage(1705, LogLevel.Information, "Bulk export kick-off refused with {Status}: {Reason}")]
    public static partial void BulkKickOffRefused(this ILogger logger, int status, string reason);

    [LoggerMessage(1706, LogLevel.Information, "Cohort advance {Number} changed {Patients} generated patients")]
    public static partial void CohortAdvanced(this ILogger logger, int number, int patients);
}
