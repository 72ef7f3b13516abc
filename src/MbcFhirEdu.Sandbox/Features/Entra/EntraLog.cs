namespace MbcFhirEdu.Sandbox.Features.Entra;

/// <summary>Log messages of the Entra-shaped provider: client ids, grant types and counts, never user names or tokens.</summary>
internal static partial class EntraLog
{
    [LoggerMessage(1701, LogLevel.Information, "Entra sandbox: code issued to {ClientId} with {ScopeCount} scopes")]
    public static partial void EntraCodeIssued(this ILogger logger, string clientId, int scopeCount);

    [LoggerMessage(1702, LogLevel.Information, "Entra sandbox: token issued to {ClientId} by {GrantType} with {RoleCount} roles")]
    public static partial void EntraTokenIssued(this ILogger logger, string clientId, string grantType, int roleCount);

    [LoggerMessage(1703, LogLevel.Warning, "Entra sandbox: token request refused for {ClientId}: {Error}")]
    public static partial void EntraTokenRefused(this ILogger logger, string clientId, string error);
}
