using Microsoft.Extensions.Logging;

namespace MbcFhirEdu.Fhir.Http;

/// <summary>Log messages of the FHIR client: resource types, counts, status codes — never bodies, ids or tokens.</summary>
internal static partial class FhirLog
{
    [LoggerMessage(2001, LogLevel.Information, "Retry {Attempt} after status {Status} / {ExceptionType}, waiting {DelayMs} ms")]
    public static partial void RetryScheduled(ILogger logger, int attempt, int status, string exceptionType, long delayMs);

    [LoggerMessage(2002, LogLevel.Warning, "Circuit of the {Client} client opened for {Scope} for {BreakMs} ms")]
    public static partial void CircuitOpened(ILogger logger, string client, string scope, long breakMs);

    [LoggerMessage(2010, LogLevel.Warning, "FHIR {Operation} of {ResourceType} stopped: {Problem}")]
    public static partial void Problem(ILogger logger, string operation, string resourceType, string problem);

    // Debug: four lines per page load; the load (2020) and the page log their request counts and time at Information.
    [LoggerMessage(2011, LogLevel.Debug, "FHIR search of {ResourceType}: {Pages} pages, {Resources} resources, {Bytes} bytes")]
    public static partial void SearchDone(ILogger logger, string resourceType, int pages, int resources, long bytes);

    [LoggerMessage(2020, LogLevel.Information,
        "Patient record loaded: {Requests} requests, critical path {CriticalPath}, {Missing} parts missing, {Incomplete} parts incomplete, {ElapsedMs} ms")]
    public static partial void RecordLoaded(ILogger logger, int requests, int criticalPath, int missing, int incomplete, long elapsedMs);
}
