namespace MbcFhirEdu.Web.Infrastructure.Errors;

/// <summary>Log messages of the error and rate-limit layer: routes, types, codes and trace ids — never paths, bodies or messages.</summary>
internal static partial class ErrorLog
{
    [LoggerMessage(3900, LogLevel.Error, "Unhandled {ExceptionType} (inner {InnerType}) on {Route}, trace id {TraceId}\n{StackTrace}")]
    public static partial void Unexpected(ILogger logger, string exceptionType, string innerType, string route, string traceId, string stackTrace);

    [LoggerMessage(3901, LogLevel.Information, "Unreadable request ({Status}) on {Route}")]
    public static partial void UnreadableRequest(ILogger logger, int status, string route);

    [LoggerMessage(3902, LogLevel.Warning, "Rate limit reached: {Policy} ({PartitionKind}), retry after {RetryAfterSeconds} s")]
    public static partial void RateLimited(ILogger logger, string policy, string partitionKind, int retryAfterSeconds);

    [LoggerMessage(3903, LogLevel.Warning, "Database unavailable ({ExceptionType}) on {Route}, trace id {TraceId}: answered 503, retry after {RetryAfterSeconds} s")]
    public static partial void DatabaseUnavailable(ILogger logger, string exceptionType, string route, string traceId, int retryAfterSeconds);
}
