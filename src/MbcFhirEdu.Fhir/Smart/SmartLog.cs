using Microsoft.Extensions.Logging;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>Log messages of the SMART client: codes and counts only, never tokens, codes, states or patient data.</summary>
internal static partial class SmartLog
{
    // The iss is a server's address, not patient data; naming it (and the list's size) is what lets an operator fix
    // the allow-list. Cut short so a forged value cannot flood the log.
    [LoggerMessage(1001, LogLevel.Warning, "Rejected a launch: the issuer {Issuer} is not on the allow-list ({AllowListSize} entries); no request was sent")]
    public static partial void IssuerRejected(ILogger logger, string issuer, int allowListSize);

    [LoggerMessage(1002, LogLevel.Warning, "SMART discovery found no usable endpoints")]
    public static partial void DiscoveryFailed(ILogger logger);

    [LoggerMessage(1003, LogLevel.Warning, "SMART discovery named an endpoint outside the allowed origins")]
    public static partial void EndpointRejected(ILogger logger);

    [LoggerMessage(1004, LogLevel.Information, "SMART configuration discovered from {Source} with {CapabilityCount} capabilities")]
    public static partial void Discovered(ILogger logger, string source, int capabilityCount);

    [LoggerMessage(1005, LogLevel.Debug, "Discovery document {Document} answered {Status}")]
    public static partial void DiscoveryDocumentStatus(ILogger logger, string document, int status);

    [LoggerMessage(1006, LogLevel.Debug, "Discovery document {Document} failed: {ExceptionType}")]
    public static partial void DiscoveryDocumentFailed(ILogger logger, string document, string exceptionType);

    [LoggerMessage(1010, LogLevel.Information, "Launch begun in mode {Mode} with v{ScopeVersion} scopes")]
    public static partial void LaunchBegun(ILogger logger, string mode, int scopeVersion);

    [LoggerMessage(1011, LogLevel.Warning, "Launch callback rejected: {Reason}")]
    public static partial void StateRejected(ILogger logger, string reason);

    [LoggerMessage(1012, LogLevel.Information, "Launch completed in mode {Mode}: {GrantedCount} scopes granted, {DegradedCount} degraded")]
    public static partial void LaunchCompleted(ILogger logger, string mode, int grantedCount, int degradedCount);

    [LoggerMessage(1020, LogLevel.Warning, "Token endpoint refused with status {Status}, error {Error}")]
    public static partial void TokenRefused(ILogger logger, int status, string error);

    [LoggerMessage(1021, LogLevel.Warning, "Token endpoint call failed: {ExceptionType}")]
    public static partial void TokenCallFailed(ILogger logger, string exceptionType);

    [LoggerMessage(1022, LogLevel.Warning, "id_token rejected: {Reason}")]
    public static partial void IdTokenRejected(ILogger logger, string reason);

    [LoggerMessage(1023, LogLevel.Warning, "JWKS fetch failed: {ExceptionType}")]
    public static partial void JwksFailed(ILogger logger, string exceptionType);

    [LoggerMessage(1030, LogLevel.Information, "Access token refreshed")]
    public static partial void Refreshed(ILogger logger);

    [LoggerMessage(1031, LogLevel.Warning, "Access token refresh failed")]
    public static partial void RefreshFailed(ILogger logger);

    [LoggerMessage(1040, LogLevel.Information, "Backend Services token issued for {LifetimeSeconds} s")]
    public static partial void BackendTokenIssued(ILogger logger, int lifetimeSeconds);
}
