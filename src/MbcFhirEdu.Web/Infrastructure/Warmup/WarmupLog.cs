namespace MbcFhirEdu.Web.Infrastructure.Warmup;

internal static partial class WarmupLog
{
    [LoggerMessage(3301, LogLevel.Information, "Warm-up done in {Milliseconds} ms ({Answered} CDS calls answered)")]
    public static partial void Done(ILogger logger, long milliseconds, int answered);

    [LoggerMessage(3302, LogLevel.Warning, "Warm-up failed ({Error}); the app starts without it")]
    public static partial void Failed(ILogger logger, string error);
}
