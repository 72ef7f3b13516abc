using MbcFhirEdu.Sandbox.Features.Auth;
using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace MbcFhirEdu.Sandbox.Features.Entra;

/// <summary>
/// The Entra-shaped OpenID provider under <c>{prefix}/entra</c>: per tenant, the v2.0 discovery document, authorize,
/// token, logout and signing keys at the paths Entra ID uses, so an authority of <c>{prefix}/entra/{tenant}/v2.0</c>
/// resolves like <c>https://login.microsoftonline.com/{tenant}/v2.0</c>. Unknown tenant: 400 as Entra answers.
/// </summary>
internal static class EntraEndpoints
{
    public static void MapEntraEndpoints(this IEndpointRouteBuilder group)
    {
        var entra = group.MapGroup(EntraUrls.Segment + "/{tenant}");
        entra.MapGet("/v2.0/.well-known/openid-configuration", Discovery);
        entra.MapGet("/discovery/v2.0/keys", Keys);
        entra.MapGet("/oauth2/v2.0/authorize", EntraAuthorizeEndpoint.Handle);
        entra.MapPost("/oauth2/v2.0/token", EntraTokenEndpoint.HandleAsync).DisableAntiforgery();
        entra.MapGet("/oauth2/v2.0/logout", Logout);
    }

    private static IResult Discovery(HttpContext context, string tenant, EntraDirectory directory)
    {
        if (!directory.IsTenant(tenant)) return UnknownTenant(tenant);
        var urls = EntraUrls.From(context, tenant);
        context.Response.Headers.AccessControlAllowOrigin = "*";
        return TypedResults.Json(new Dictionary<string, object>
        {
            ["issuer"] = urls.Issuer,
            ["authorization_endpoint"] = urls.Authorize,
            ["token_endpoint"] = urls.Token,
            ["end_session_endpoint"] = urls.Logout,
            ["jwks_uri"] = urls.Keys,
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "query", "form_post" },
            ["grant_types_supported"] = new[] { "authorization_code", "client_credentials" },
            ["scopes_supported"] = new[] { "openid", "profile", "email", "offline_access" },
            ["subject_types_supported"] = new[] { "pairwise" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic", "private_key_jwt" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["claims_supported"] = new[] { "sub", "iss", "aud", "exp", "iat", "nbf", "nonce", "tid", "oid", "name", "preferred_username", "roles", "ver" },
            ["tenant_region_scope"] = "NA",
        }, SandboxJson.Options);
    }

    /// <summary>RFC 7517 key set; each key names its issuer, as Entra's tenant keys do (Identity.Web checks it).</summary>
    private static IResult Keys(HttpContext context, string tenant, EntraDirectory directory, EntraSigningKey key)
    {
        if (!directory.IsTenant(tenant)) return UnknownTenant(tenant);
        context.Response.Headers.AccessControlAllowOrigin = "*";
        var k = key.Key;
        return TypedResults.Json<object>(new
        {
            keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = k.KeyId, n = k.Modulus, e = k.Exponent, issuer = EntraUrls.From(context, tenant).Issuer } },
        }, SandboxJson.Options);
    }

    /// <summary>Sign-out (end session): back to <c>post_logout_redirect_uri</c> when it is one of an app's registered
    /// redirect URIs, as Entra ID requires (the sandbox keeps no session to end), otherwise a "signed out" page.</summary>
    private static IResult Logout(string tenant, string? post_logout_redirect_uri, string? state, EntraDirectory directory)
    {
        if (!directory.IsTenant(tenant)) return UnknownTenant(tenant);
        if (post_logout_redirect_uri is { } target && directory.Options.Apps.Values.SelectMany(a => a.RedirectUris).Any(r => UriPattern.Matches(r, target)))
        {
            return TypedResults.Redirect(state is null ? target : QueryHelpers.AddQueryString(target, "state", state));
        }
        return HtmlPage.Render("Signed out", "<p>You are signed out of the sandbox directory. You can close this window.</p>");
    }


    internal static JsonHttpResult<Dictionary<string, string>> UnknownTenant(string tenant) => Error(400, "invalid_tenant",
        $"AADSTS90002: Tenant '{tenant}' not found. Check Sandbox:Entra:TenantId (or OtherTenantIds).");

    internal static JsonHttpResult<Dictionary<string, string>> Error(int status, string error, string description) =>
        TypedResults.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, SandboxJson.Options, statusCode: status);
}
