using System.Security.Cryptography;
using System.Text;
using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Sandbox.Features.Entra;

/// <summary>
/// Signs id tokens and v2.0 access tokens shaped like Entra ID's (RS256, <c>kid</c> at the tenant's keys): <c>iss</c>,
/// <c>aud</c>, <c>tid</c>, <c>oid</c>, <c>sub</c>, <c>azp</c>, <c>ver: "2.0"</c>, <c>roles</c>, <c>scp</c> (delegated),
/// <c>idtyp: "app"</c> (app-only), <c>name</c>, <c>preferred_username</c>, <c>iat</c>/<c>nbf</c>/<c>exp</c>.
/// </summary>
internal sealed class EntraTokenIssuer(EntraSigningKey key, TimeProvider time, IOptions<SandboxEntraOptions> options)
{
    /// <summary>Microsoft Graph's app id: the audience Entra gives an access token when no API scope was asked.</summary>
    public const string GraphAppId = "00000003-0000-0000-c000-000000000000";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TimeSpan Lifetime => TimeSpan.FromSeconds(options.Value.TokenLifetimeSeconds);

    /// <summary>An access token for a signed-in user, issued to <paramref name="client"/> for <paramref name="audience"/>.</summary>
    public string UserAccessToken(EntraUrls urls, SandboxEntraApp client, SandboxEntraUser user, string audience, string[] roles, IReadOnlyList<string> scopes, bool secretOrKey)
    {
        var claims = UserClaims(urls, user);
        claims["azp"] = client.ClientId;
        claims["azpacr"] = secretOrKey ? "1" : "0";
        claims["scp"] = string.Join(' ', scopes);
        if (roles.Length > 0) claims["roles"] = roles;
        claims["uti"] = RandomTokens.New()[..22];
        return Sign(urls.Issuer, audience, claims, "JWT");
    }

    /// <summary>An app-only access token (client_credentials): the app's application permissions in <c>roles</c>.</summary>
    public string AppAccessToken(EntraUrls urls, SandboxEntraApp client, string audience, string[] roles, bool privateKeyJwt)
    {
        var servicePrincipal = ServicePrincipalId(urls.Tenant, client.ClientId);
        var claims = new Dictionary<string, object>
        {
            ["tid"] = urls.Tenant,
            ["oid"] = servicePrincipal,
            ["sub"] = servicePrincipal,
            ["azp"] = client.ClientId,
            ["azpacr"] = privateKeyJwt ? "2" : "1",
            ["idtyp"] = "app",
            ["ver"] = "2.0",
            ["uti"] = RandomTokens.New()[..22],
        };
        if (roles.Length > 0) claims["roles"] = roles;
        return Sign(urls.Issuer, audience, claims, "JWT");
    }

    /// <summary>OpenID Connect id token for <paramref name="client"/>: the user's roles that app defines.</summary>
    public string IdToken(EntraUrls urls, SandboxEntraApp client, SandboxEntraUser user, string? nonce)
    {
        var claims = UserClaims(urls, user);
        var roles = EntraDirectory.RolesFor(client, user.Roles);
        if (roles.Length > 0) claims["roles"] = roles;
        if (nonce is not null) claims["nonce"] = nonce;
        return Sign(urls.Issuer, client.ClientId, claims, "JWT");
    }

    private static Dictionary<string, object> UserClaims(EntraUrls urls, SandboxEntraUser user) => new()
    {
        ["tid"] = urls.Tenant,
        ["oid"] = user.Oid,
        ["sub"] = user.Oid,
        ["name"] = user.Name,
        ["preferred_username"] = user.Username,
        ["ver"] = "2.0",
    };

    /// <summary>A stable object id for an app's service principal in a tenant (Entra gives each its own GUID).</summary>
    public static string ServicePrincipalId(string tenant, string clientId) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"{tenant}|{clientId}"))[..16]).ToString();

    private string Sign(string issuer, string audience, Dictionary<string, object> claims, string type)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            Claims = claims,
            SigningCredentials = key.Key.Credentials,
            TokenType = type,
        });
    }
}
