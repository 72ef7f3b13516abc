using System.Text;
using MbcFhirEdu.Sandbox.Features.Auth;
using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace MbcFhirEdu.Sandbox.Features.Entra;

/// <summary>
/// <c>GET {prefix}/entra/{tenant}/oauth2/v2.0/authorize</c>: authorization code flow with PKCE S256 required. The user
/// is the one <c>login_hint</c> names (tests sign in without a page); otherwise a sign-in page lists the test users.
/// <c>state</c> and <c>nonce</c> come back unchanged; <c>response_mode</c> is <c>query</c> (default) or <c>form_post</c>
/// (what ASP.NET Core's OpenID Connect handler asks for). A bad client or redirect URI is never redirected to.
/// </summary>
internal static class EntraAuthorizeEndpoint
{
    public static IResult Handle(HttpContext context, string tenant, EntraDirectory directory, EntraCodeStore codes, ILogger<EntraCodeStore> logger)
    {
        context.Response.Headers.CacheControl = "no-store";
        var q = context.Request.Query;
        string? clientId = q["client_id"], redirectUri = q["redirect_uri"], state = q["state"], responseMode = q["response_mode"];
        if (!directory.IsTenant(tenant)) return Page(400, "Unknown tenant", $"AADSTS90002: Tenant '{tenant}' is not one of Sandbox:Entra:TenantId or OtherTenantIds.");
        var app = directory.App(clientId);
        if (app is null) return Page(400, "Unknown application", $"AADSTS700016: Application '{clientId}' is not registered under Sandbox:Entra:Apps.");
        if (string.IsNullOrEmpty(redirectUri) || !app.RedirectUris.Any(r => UriPattern.Matches(r, redirectUri)))
            return Page(400, "Redirect URI not registered", "AADSTS50011: The redirect_uri does not match the application's Sandbox:Entra:Apps:*:RedirectUris.");

        var formPost = responseMode == "form_post";
        if (responseMode is not (null or "query" or "form_post")) return Reply(redirectUri, false, state, Err("invalid_request", "response_mode must be query or form_post"));
        if (q["response_type"] != "code") return Reply(redirectUri, formPost, state, Err("unsupported_response_type", "only response_type=code is supported"));
        if (q["code_challenge_method"] != "S256" || !Pkce.IsValidChallenge(q["code_challenge"]))
            return Reply(redirectUri, formPost, state, Err("invalid_request", "PKCE is required: code_challenge (43 characters) with code_challenge_method=S256"));

        var user = directory.User(q["login_hint"]);
        if (user is null) return SignInPage(context, app, directory);

        var scopes = ((string?)q["scope"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var code = codes.Issue(new EntraCodeGrant(tenant, app.ClientId, redirectUri, scopes, q["nonce"], q["code_challenge"]!, user.Oid));
        if (code is null) return Reply(redirectUri, formPost, state, Err("temporarily_unavailable", "too many outstanding codes"));
        logger.EntraCodeIssued(app.ClientId, scopes.Length);
        return Reply(redirectUri, formPost, state, new() { ["code"] = code });
    }

    private static Dictionary<string, string?> Err(string error, string description) => new() { ["error"] = error, ["error_description"] = description };

    private static IResult Reply(string redirectUri, bool formPost, string? state, Dictionary<string, string?> parameters)
    {
        if (!string.IsNullOrEmpty(state)) parameters["state"] = state;
        var values = parameters.Where(p => p.Value is not null).ToList();
        if (!formPost) return TypedResults.Redirect(QueryHelpers.AddQueryString(redirectUri, values));
        // form_post (OAuth 2.0 Form Post Response Mode): the browser posts the values to the redirect URI.
        var fields = new StringBuilder();
        foreach (var (name, value) in values) fields.Append($"<input type=\"hidden\" name=\"{HtmlPage.E(name)}\" value=\"{HtmlPage.E(value)}\">");
        return TypedResults.Content($"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Signing in · Sandbox directory</title></head>
            <body onload="document.forms[0].submit()"><form method="post" action="{HtmlPage.E(redirectUri)}">{fields}
            <noscript><button type="submit">Continue</button></noscript></form></body></html>
            """, "text/html; charset=utf-8");
    }

    /// <summary>The test users, each a link to this same request with <c>login_hint</c> set.</summary>
    private static IResult SignInPage(HttpContext context, SandboxEntraApp app, EntraDirectory directory)
    {
        var query = QueryHelpers.ParseQuery(context.Request.QueryString.Value).Where(p => p.Key != "login_hint").ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
        var items = new StringBuilder();
        foreach (var user in directory.Options.Users.Values.OrderBy(u => u.Name, StringComparer.Ordinal))
        {
            var href = QueryHelpers.AddQueryString(context.Request.PathBase + context.Request.Path, query.Append(new("login_hint", user.Username)));
            var roles = user.Roles.Count == 0 ? "no app roles" : string.Join(", ", user.Roles);
            items.Append($"<li><a class=\"button\" href=\"{HtmlPage.E(href)}\">{HtmlPage.E(user.Name)}</a> <small>{HtmlPage.E(user.Username)} · {HtmlPage.E(roles)}</small></li>");
        }
        var body = items.Length == 0
            ? "<p class=\"error\">No test users: add them under Sandbox:Entra:Users.</p>"
            : $"<p>Sign in to <strong>{HtmlPage.E(app.Name ?? app.ClientId)}</strong> as a test user (synthetic directory, no password).</p><ul>{items}</ul>";
        return HtmlPage.Render("Sign in", body);
    }

    private static IResult Page(int status, string title, string message) =>
        HtmlPage.Render(title, $"<p class=\"error\" role=\"alert\">{HtmlPage.E(message)}</p>", status);
}
