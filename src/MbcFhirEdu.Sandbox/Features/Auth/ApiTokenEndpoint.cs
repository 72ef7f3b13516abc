using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Sandbox.Features.Auth;

/// <summary>
/// <c>POST {prefix}/api-token</c>: TEST bearer tokens for the app's server-to-server API (development only, like the
/// whole sandbox). RFC 6749 §4.4 client_credentials for a client of <c>Sandbox:ApiClients</c>, authenticated with
/// client_secret_basic or client_id + client_secret in the form. 404 when <c>Sandbox:ApiAudience</c> is not set.
/// </summary>
internal static class ApiTokenEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext context, TokenIssuer issuer, IOptions<SandboxOptions> options, ILogger<TokenIssuer> logger, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.ApiAudience)) return TypedResults.NotFound();
        if (!context.Request.HasFormContentType) return Error(400, "invalid_request", "the body must be application/x-www-form-urlencoded");
        var form = await context.Request.ReadFormAsync(cancellationToken);

        string? clientId = form["client_id"], secret = form["client_secret"];
        if (AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var header)
            && header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && TryBasic(header.Parameter, out var basicId, out var basicSecret))
        {
            (clientId, secret) = (basicId, basicSecret);
        }
        var client = o.ApiClients.FirstOrDefault(c => c.ClientId == clientId);
        if (client is null || secret is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(client.ClientSecret)))
        {
            logger.ApiTokenRefused(clientId ?? "?", "invalid_client");
            return Error(401, "invalid_client", "unknown API client or wrong client secret");
        }
        if (form["grant_type"] != "client_credentials")
            return Error(400, "unsupported_grant_type", "only client_credentials is supported here");

        var token = issuer.CreateApiToken(SandboxUrls.From(context), o.ApiAudience, client.ClientId, client.Roles);
        logger.ApiTokenIssued(client.ClientId, client.Roles.Count);
        return TypedResults.Json(new Dictionary<string, object>
        {
            ["access_token"] = token,
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)issuer.AccessTokenLifetime.TotalSeconds,
        }, SandboxJson.Options);
    }

    private static bool TryBasic(string? parameter, out string id, out string secret)
    {
        id = secret = "";
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter ?? ""));
            var colon = decoded.IndexOf(':');
            if (colon < 0) return false;
            id = Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
            secret = Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));
            return true;
        }
        catch (FormatException) { return false; }
    }

    private static JsonHttpResult<Dictionary<string, string>> Error(int status, string error, string description) =>
        TypedResults.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, SandboxJson.Options, statusCode: status);
}
