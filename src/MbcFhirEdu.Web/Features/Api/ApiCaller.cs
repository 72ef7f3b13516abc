using System.Security.Claims;

namespace MbcFhirEdu.Web.Features.Api;

/// <summary>Who calls the API: the OAuth client the bearer token was issued to.</summary>
internal static class ApiCaller
{
    /// <summary>
    /// The client id: <c>azp</c> (Entra ID v2, OpenID Connect), <c>appid</c> (Entra ID v1) or <c>client_id</c>
    /// (RFC 9068 JWT access tokens); null when the token names none.
    /// </summary>
    public static string? ClientId(ClaimsPrincipal user)
    {
        foreach (var type in (string[])["azp", "appid", "client_id"])
        {
            if (user.FindFirst(type)?.Value is { Length: > 0 and <= Data.MbcEduDbContext.MaxCallerLength } id) return id;
        }
        return null;
    }
}
