using System.Security.Claims;
using MbcFhirEdu.Web.Infrastructure.ApiAuth;

namespace MbcFhirEdu.Web.Features.Api;

/// <summary>Who calls the API: the OAuth client the bearer token was issued to, and for a user's token the user.</summary>
internal static class ApiCaller
{
    /// <summary>
    /// The client id: <c>azp</c> (Entra ID v2, OpenID Connect), <c>appid</c> (Entra ID v1) or <c>client_id</c>
    /// (RFC 9068 JWT access tokens); null when the token names none.
    /// </summary>
    public static string? ClientId(ClaimsPrincipal user) => First(user, "azp", "appid", "client_id");

    /// <summary>
    /// The audit actor: the signed-in user's object id (<c>oid</c>) when a client calls for a user (a delegated token,
    /// with <c>scp</c>), otherwise the client id (an app calling as itself).
    /// </summary>
    public static string? Actor(ClaimsPrincipal user) =>
        ApiRoles.IsDelegated(user) && First(user, "oid") is { } oid ? oid : ClientId(user);

    private static string? First(ClaimsPrincipal user, params string[] types)
    {
        foreach (var type in types)
        {
            if (user.FindFirst(type)?.Value is { Length: > 0 and <= Data.MbcEduDbContext.MaxCallerLength } id) return id;
        }
        return null;
    }
}
