namespace MbcFhirEdu.Sandbox.Infrastructure;

/// <summary>Source-generated log messages. Ids, counts and codes only: never names, dates or resource bodies.</summary>
internal static partial class SandboxLog
{
    [LoggerMessage(1001, LogLevel.Information, "Sandbox EHR loaded {PatientCount} patients and {ResourceCount} resources")]
    public static partial void DataLoaded(this ILogger logger, int patientCount, int resourceCount);

    [LoggerMessage(1002, LogLevel.Information, "Signing key {KeyId} {Source}")]
    public static partial void SigningKeyReady(this ILogger logger, string keyId, string source);

    [LoggerMessage(1101, LogLevel.Information, "Launch {LaunchKind} created for client app, expires in {Seconds}s")]
    public static partial void LaunchCreated(this ILogger logger, string launchKind, int seconds);

    [LoggerMessage(1201, LogLevel.Warning, "Authorization request rejected for client {ClientId}: {Error}")]
    public static partial void AuthorizeRejected(this ILogger logger, string clientId, string error);

    [LoggerMessage(1202, LogLevel.Information, "Authorization code issued to client {ClientId} with {ScopeCount} scopes")]
    public static partial void CodeIssued(this ILogger logger, string clientId, int scopeCount);

    [LoggerMessage(1301, LogLevel.Information, "Token issued to client {ClientId} by {GrantType} with {ScopeCount} scopes")]
    public static partial void TokenIssued(this ILogger logger, string clientId, string grantType, int scopeCount);

    [LoggerMessage(1302, LogLevel.Warning, "Token request rejected for client {ClientId}: {Error}")]
    public static partial void TokenRejected(this ILogger logger, string clientId, string error);

    [LoggerMessage(1303, LogLevel.Warning, "Reuse of a redeemed {Kind} detected for client {ClientId}; its token family is revoked")]
    public static partial void ReuseDetected(this ILogger logger, string kind, string clientId);

    [LoggerMessage(1401, LogLevel.Information, "FHIR request denied with {Status} for {ResourceType}: {Reason}")]
    public static partial void FhirDenied(this ILogger logger, int status, string resourceType, string reason);

    [LoggerMessage(1402, LogLevel.Information, "Communication {CommunicationId} {Outcome}")]
    public static partial void CommunicationStored(this ILogger logger, string communicationId, string outcome);

    [LoggerMessage(1501, LogLevel.Information, "Fault injected: status {Status}, latency {LatencyMs} ms")]
    public static partial void FaultInjected(this ILogger logger, int status, long latencyMs);

    [LoggerMessage(1502, LogLevel.Warning, "Fault injection endpoint is enabled at {Path}")]
    public static partial void FaultEndpointEnabled(this ILogger logger, string path);

    [LoggerMessage(1601, LogLevel.Warning, "Client JWKS fetch failed: {ExceptionType}")]
    public static partial void ClientJwksFailed(this ILogger logger, string exceptionType);
}
