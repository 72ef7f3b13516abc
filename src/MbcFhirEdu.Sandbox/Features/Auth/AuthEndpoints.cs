using MbcFhirEdu.Sandbox.Features.Faults;
using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MbcFhirEdu.Sandbox.Features.Auth;

/// <summary>The SMART authorization server: discovery, authorize, token, JWKS.</summary>
internal static class AuthEndpoints
{
    public static void MapAuthEndpoints(this IEndpointRouteBuilder group)
    {
        group.MapGet("/fhir/.well-known/smart-configuration", Discovery);
        group.MapGet("/fhir/.well-known/openid-configuration", Discovery);
        group.MapGet("/auth/authorize", AuthorizeEndpoint.Handle);
        group.MapPost("/auth/token", TokenEndpoint.HandleAsync).WithFaults(FaultTarget.Token).DisableAntiforgery();
        group.MapGet("/auth/jwks", Jwks);
    }

    private static JsonHttpResult<SmartConfiguration> Discovery(HttpContext context)
    {
        context.Response.Headers.AccessControlAllowOrigin = "*";
        return TypedResults.Json(SmartConfiguration.For(SandboxUrls.From(context)), SandboxJson.Options);
    }

    /// <summary>RFC 7517 key set with the sandbox's public signing key.</summary>
    private static JsonHttpResult<object> Jwks(HttpContext context, SandboxSigningKey key)
    {
        context.Response.Headers.AccessControlAllowOrigin = "*";
        return TypedResults.Json<object>(new
        {
            keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = key.KeyId, n = key.Modulus, e = key.Exponent } },
        }, SandboxJson.Options);
    }
}
