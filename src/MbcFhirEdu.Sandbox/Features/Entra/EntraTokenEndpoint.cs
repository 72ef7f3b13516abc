using MbcFhirEdu.Sandbox.Features.Auth;
using MbcFhirEdu.Sandbox.Infrastructure;

namespace MbcFhirEdu.Sandbox.Features.Entra;

/// <summary>
/// <c>POST {prefix}/entra/{tenant}/oauth2/v2.0/token</c>: <c>authorization_code</c> (PKCE verified; an id token when
/// <c>openid</c> was asked; an access token for the API the scopes name, <c>scp</c> = those scopes, <c>roles</c> = the
/// user's roles that API defines) and <c>client_credentials</c> (scope <c>{api}/.default</c>; <c>roles</c> = the app's
/// assigned application permissions that API defines). No refresh tokens.
/// </summary>
internal static class EntraTokenEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, string tenant, EntraDirectory directory, EntraClientAuthenticator authenticator,
        EntraCodeStore codes, EntraTokenIssuer issuer, ILogger<EntraCodeStore> logger, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!directory.IsTenant(tenant)) return EntraEndpoints.UnknownTenant(tenant);
        if (!context.Request.HasFormContentType) return EntraEndpoints.Error(400, "invalid_request", "the body must be application/x-www-form-urlencoded");
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var urls = EntraUrls.From(context, tenant);
        var (app, method, error) = await authenticator.AuthenticateAsync(context.Request, form, urls);
        if (app is null)
        {
            logger.EntraTokenRefused(form["client_id"].ToString() is { Length: > 0 } id ? id : "?", "invalid_client");
            return EntraEndpoints.Error(401, "invalid_client", error!);
        }
        return (string?)form["grant_type"] switch
        {
            "authorization_code" => AuthorizationCode(form, tenant, app, method, urls, directory, codes, issuer, logger),
            "client_credentials" => ClientCredentials(form, app, method, urls, directory, issuer, logger),
            _ => EntraEndpoints.Error(400, "unsupported_grant_type", "grant_type must be authorization_code or client_credentials"),
        };
    }

    private static IResult AuthorizationCode(IFormCollection form, string tenant, SandboxEntraApp app, string method, EntraUrls urls,
        EntraDirectory directory, EntraCodeStore codes, EntraTokenIssuer issuer, ILogger logger)
    {
        var grant = codes.Redeem(form["code"]);
        if (grant is null || grant.ClientId != app.ClientId || grant.Tenant != tenant)
            return Refuse(logger, app, "invalid_grant", "AADSTS70008: the code is unknown, expired, already redeemed, or for another client or tenant");
        if (form["redirect_uri"] != grant.RedirectUri) return Refuse(logger, app, "invalid_grant", "AADSTS50148: redirect_uri differs from the authorize request's");
        if (!Pkce.Verify(form["code_verifier"], grant.CodeChallenge)) return Refuse(logger, app, "invalid_grant", "AADSTS501481: the code_verifier does not match the code_challenge");
        if (directory.UserByOid(grant.UserOid) is not { } user) return Refuse(logger, app, "invalid_grant", "the signed-in user is no longer configured");

        // The API the scopes name (the first one that names one); none: a Graph-audience token, as Entra issues.
        var asked = grant.Scopes.Select(directory.Resource).FirstOrDefault(r => r is not null);
        var (audience, scopes, roles) = asked is { } r
            ? (r.Api.ClientId,
               grant.Scopes.Select(directory.Resource).Where(x => x?.Api == r.Api && r.Api.Scopes.Contains(x.Value.Scope, StringComparer.Ordinal)).Select(x => x!.Value.Scope).Distinct().ToList(),
               EntraDirectory.RolesFor(r.Api, user.Roles))
            : (EntraTokenIssuer.GraphAppId, grant.Scopes.Where(s => s is "openid" or "profile" or "email" or "offline_access").ToList(), []);
        if (asked is not null && scopes.Count == 0) return Refuse(logger, app, "invalid_scope", "AADSTS65005: the API exposes none of the scopes asked (Sandbox:Entra:Apps:*:Scopes)");

        var response = new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["scope"] = string.Join(' ', asked is { } a ? scopes.Select(s => $"{a.Api.AppIdUri ?? a.Api.ClientId}/{s}") : scopes),
            ["expires_in"] = (int)issuer.Lifetime.TotalSeconds,
            ["ext_expires_in"] = (int)issuer.Lifetime.TotalSeconds,
            ["access_token"] = issuer.UserAccessToken(urls, app, user, audience, roles, scopes, method != "none"),
        };
        if (grant.Scopes.Contains("openid")) response["id_token"] = issuer.IdToken(urls, app, user, grant.Nonce);
        logger.EntraTokenIssued(app.ClientId, "authorization_code", roles.Length);
        return TypedResults.Json(response, SandboxJson.Options);
    }

    private static IResult ClientCredentials(IFormCollection form, SandboxEntraApp app, string method, EntraUrls urls,
        EntraDirectory directory, EntraTokenIssuer issuer, ILogger logger)
    {
        if (method == "none") return Refuse(logger, app, "unauthorized_client", "AADSTS7000218: client_credentials needs a client secret or client assertion");
        var scope = ((string?)form["scope"] ?? "").Trim();
        if (directory.Resource(scope) is not { Scope: ".default" } resource)
            return Refuse(logger, app, "invalid_scope", "AADSTS1002012: client_credentials needs one scope '{App ID URI or client id}/.default' of a registered API");
        var roles = EntraDirectory.RolesFor(resource.Api, app.AssignedRoles);
        logger.EntraTokenIssued(app.ClientId, "client_credentials", roles.Length);
        return TypedResults.Json(new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)issuer.Lifetime.TotalSeconds,
            ["ext_expires_in"] = (int)issuer.Lifetime.TotalSeconds,
            ["access_token"] = issuer.AppAccessToken(urls, app, resource.Api.ClientId, roles, method == "private_key_jwt"),
        }, SandboxJson.Options);
    }

    private static IResult Refuse(ILogger logger, SandboxEntraApp app, string error, string description)
    {
        logger.EntraTokenRefused(app.ClientId, error);
        return EntraEndpoints.Error(400, error, description);
    }
}
