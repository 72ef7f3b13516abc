namespace MbcFhirEdu.Web.Features.Console;

/// <summary>The console's log messages: counts and outcomes only (no names, birth dates, MRNs or search words).</summary>
internal static partial class ConsoleLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Console patient view built: {Recommendations} recommendations, {MissingParts} parts missing")]
    public static partial void PatientViewed(ILogger logger, int recommendations, int missingParts);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Console send: {Created} deliveries recorded, {Existing} already recorded")]
    public static partial void Sent(ILogger logger, int created, int existing);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Console patient search: {Hits} shown, more: {More}, failed: {Failed}")]
    public static partial void Searched(ILogger logger, int hits, bool more, bool failed);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Console is not connected to the EHR: {Problem}")]
    public static partial void NotConnected(ILogger logger, string problem);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "Console sign-in refused: {FailureType}: {Failure}")]
    public static partial void SignInRefused(ILogger logger, string failureType, string failure);
}
