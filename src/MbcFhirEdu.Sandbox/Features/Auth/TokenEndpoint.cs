using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MbcFhirEdu.Sandbox.Features.Auth;

/// <summary><c>POST {prefix}/auth/token</c>: authorization_code, refresh_token and client_credentials.</summary>
internal static class TokenEndpoint
{
    public static async Task<JsonHttpResult<object>> HandleAsync(
        HttpContext context, ClientAuthenticator authenticator, TokenGrants grants, ILogger<TokenGrants> logger, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        if (!context.Request.HasFormContentType)
            return Write(TokenOutcome.Fail("invalid_request", "the body must be application/x-www-form-urlencoded"), "?", logger);
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var urls = SandboxUrls.From(context);
        var authentication = await authenticator.AuthenticateAsync(context.Request, form, urls, cancellationToken);
        var clientId = authentication.Client?.ClientId ?? form["client_id"].ToString();
        if (authentication.Client is not { } client)
            return Write(TokenOutcome.Fail("invalid_client", authentication.Error ?? "client authentication failed"), clientId, logger);

        var outcome = form["grant_type"].ToString() switch
        {
            "authorization_code" => grants.AuthorizationCode(form, client, urls),
            "refresh_token" => grants.Refresh(form, client, urls),
            "client_credentials" => grants.ClientCredentials(form, authentication, urls),
            "" => TokenOutcome.Fail("invalid_request", "grant_type is required"),
            _ => TokenOutcome.Fail("unsupported_grant_type", "supported: authorization_code, refresh_token, client_credentials"),
        };
        return Write(outcome, clientId, logger);
    }

    private static JsonHttpResult<object> Write(TokenOutcome outcome, string clientId, ILogger logger)
    {
        if (outcome.Error is { } error) logger.TokenRejected(clientId, error.Error);
        return TypedResults.Json<object>(outcome.Response ?? (object)outcome.Error!, SandboxJson.Options, statusCode: outcome.Status);
    }
}
