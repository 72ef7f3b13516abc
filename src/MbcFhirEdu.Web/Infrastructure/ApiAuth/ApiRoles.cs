using System.Security.Claims;

namespace MbcFhirEdu.Web.Infrastructure.ApiAuth;

/// <summary>
/// App roles as Entra ID issues them in the <c>roles</c> claim, and the policies built on them. An app's own token
/// (client_credentials) needs the role; a user's token (delegated, it has <c>scp</c>) needs the role assigned to the
/// user AND a scope of the same name consented to the calling client, so a client never gets more than it asked for.
/// </summary>
public static class ApiRoles
{
    public const string Read = "Education.Read";
    public const string Send = "Education.Send";
    public const string Admin = "Education.Admin";

    /// <summary>The claim that carries app roles (Entra ID v1 and v2 tokens).</summary>
    public const string ClaimType = "roles";

    /// <summary>The claim that carries delegated scopes, space-separated.</summary>
    public const string ScopeClaimType = "scp";

    /// <summary>The API's authentication scheme; no browser cookie is ever accepted on it.</summary>
    public const string Scheme = "ApiBearer";

    public const string ReadPolicy = "api-read";
    public const string SendPolicy = "api-send";
    public const string AdminPolicy = "api-admin";

    /// <summary>True when the token carries one of <paramref name="allowed"/> as a role and, for a user's token, as a scope.</summary>
    public static bool Allows(ClaimsPrincipal user, params string[] allowed)
    {
        if (!allowed.Any(user.IsInRole)) return false;
        var scopes = user.FindAll(ScopeClaimType).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        return !IsDelegated(user) || scopes.Any(s => allowed.Contains(s, StringComparer.Ordinal));
    }

    /// <summary>A user's token (it has <c>scp</c>), as opposed to an app's own (client_credentials).</summary>
    public static bool IsDelegated(ClaimsPrincipal user) => user.HasClaim(c => c.Type == ScopeClaimType);
}
