namespace MbcFhirEdu.Web.Infrastructure;

/// <summary>Log messages of the web host: codes, counts and durations only — never names, ids, tokens or bodies.</summary>
internal static partial class WebLog
{
    [LoggerMessage(3001, LogLevel.Information, "Launch refused: {Code}")]
    public static partial void LaunchRefused(ILogger logger, string code);

    [LoggerMessage(3002, LogLevel.Information, "Launch redirected to the authorization server ({Mode})")]
    public static partial void LaunchRedirected(ILogger logger, string mode);

    [LoggerMessage(3003, LogLevel.Information, "Callback refused: {Code}")]
    public static partial void CallbackRefused(ILogger logger, string code);

    [LoggerMessage(3004, LogLevel.Information, "Authorization server returned error {Error}")]
    public static partial void CallbackError(ILogger logger, string error);

    [LoggerMessage(3005, LogLevel.Information, "Session started ({Audience})")]
    public static partial void SessionStarted(ILogger logger, string audience);

    // Missing and incomplete apart, as the page says them ("could not load" / "only part of").
    [LoggerMessage(3010, LogLevel.Information,
        "Patient page: {Items} materials, {Missing} parts missing, {Incomplete} parts incomplete, {Requests} FHIR requests, critical path {CriticalPath}, {ElapsedMs} ms")]
    public static partial void PatientPageBuilt(ILogger logger, int items, int missing, int incomplete, int requests, int criticalPath, long elapsedMs);

    // Request names ("Condition search") and durations only: no patient id, no URL.
    [LoggerMessage(3012, LogLevel.Warning, "Patient record load hit its deadline: {Requests} unfinished after {WaitedMs} ms (deadline {DeadlineMs} ms)")]
    public static partial void PageDeadlineReached(ILogger logger, string requests, long waitedMs, long deadlineMs);

    [LoggerMessage(3013, LogLevel.Warning, "Patient record partly read: {Missing} parts missing, {Incomplete} parts incomplete: {Gaps}")]
    public static partial void RecordPartlyRead(ILogger logger, int missing, int incomplete, string gaps);

    // The first page loads the record again; only the exception's type is logged (its message could carry a URL).
    [LoggerMessage(3014, LogLevel.Warning, "Record load started at the callback failed: {ExceptionType}")]
    public static partial void RecordPreloadFailed(ILogger logger, string exceptionType);

    [LoggerMessage(3011, LogLevel.Warning, "Patient route refused: patient named in the query string")]
    public static partial void PatientInQuery(ILogger logger);

    [LoggerMessage(3020, LogLevel.Information, "smart_style_url not used: {Reason}")]
    public static partial void StyleNotUsed(ILogger logger, string reason);

    [LoggerMessage(3030, LogLevel.Warning, "Content library: {Problems} problems; those files are left out")]
    public static partial void ContentProblems(ILogger logger, int problems);

    [LoggerMessage(3040, LogLevel.Error, "Database migration failed: {Error}: {Message}")]
    public static partial void MigrationFailed(ILogger logger, string error, string message);

    [LoggerMessage(3041, LogLevel.Warning, "Data Protection keys are stored unencrypted: set {Key} (only Development may start without it)")]
    public static partial void KeyRingUnprotected(ILogger logger, string key);

    // Deliveries: our own delivery id (a random GUID, not PHI) and counts only.
    [LoggerMessage(3050, LogLevel.Information, "Delivery {DeliveryId} written to the EHR after {Attempts} attempt(s) (existing: {Existing})")]
    public static partial void DeliverySent(ILogger logger, Guid deliveryId, int attempts, bool existing);

    [LoggerMessage(3051, LogLevel.Warning, "Delivery {DeliveryId} attempt {Attempts} failed ({Kind}); next try in {DelayMs} ms")]
    public static partial void DeliveryRetry(ILogger logger, Guid deliveryId, int attempts, string kind, long delayMs);

    [LoggerMessage(3052, LogLevel.Warning, "Delivery {DeliveryId} failed permanently after {Attempts} attempt(s) ({Kind}, status {Status})")]
    public static partial void DeliveryFailed(ILogger logger, Guid deliveryId, int attempts, string kind, int? status);

    [LoggerMessage(3059, LogLevel.Information, "Outbox worker {Owner} started (poll {PollMs} ms, lease {LeaseMs} ms)")]
    public static partial void OutboxWorkerStarted(ILogger logger, string owner, long pollMs, long leaseMs);

    [LoggerMessage(3053, LogLevel.Error, "Outbox pass failed: {Error}")]
    public static partial void OutboxError(ILogger logger, string error);

    [LoggerMessage(3060, LogLevel.Error, "Audit row not written: {Error}")]
    public static partial void AuditWriteFailed(ILogger logger, string error);
    [LoggerMessage(3100, LogLevel.Information, "API bearer token refused: {Reason}")]
    public static partial void ApiTokenRejected(ILogger logger, string reason);

    [LoggerMessage(3101, LogLevel.Information, "API recommendations: {Status}, {Materials} materials, {MissingParts} parts missing, {ElapsedMs} ms")]
    public static partial void ApiRecommendations(ILogger logger, int status, int materials, int missingParts, long elapsedMs);

    [LoggerMessage(3111, LogLevel.Information, "Coordinator send: {Created} deliveries recorded, {Existing} already recorded from this form")]
    public static partial void CoordinatorSent(ILogger logger, int created, int existing);

    [LoggerMessage(3112, LogLevel.Information, "Delivery view recorded: {Recorded}")]
    public static partial void DeliveryViewed(ILogger logger, bool recorded);

    [LoggerMessage(3110, LogLevel.Information, "Coordinator workspace built: {Materials} materials, {MissingParts} parts missing")]
    public static partial void CoordinatorPageBuilt(ILogger logger, int materials, int missingParts);
}
