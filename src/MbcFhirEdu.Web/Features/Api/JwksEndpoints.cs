using MbcFhirEdu.Fhir.Smart;

namespace MbcFhirEdu.Web.Features.Api;

/// <summary>
/// <c>GET /.well-known/jwks.json</c>: this app's public keys (RFC 7517) for the EHRs that verify its
/// <c>private_key_jwt</c> assertions — the Backend Services key and, when it signs with one, the launch client's key.
/// Public parameters only (kty, kid, alg, use=sig, n/e or crv/x/y).
/// </summary>
internal static class JwksEndpoints
{
    public const string Path = "/.well-known/jwks.json";

    public static IEndpointRouteBuilder MapJwks(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (HttpContext context, BackendServicesTokenSource backend, ClientAssertionFactory launchClient,
            Microsoft.Extensions.Options.IOptions<SmartClientOptions> smart) =>
        {
            var keys = new List<IReadOnlyDictionary<string, string>>();
            if (backend.IsConfigured) keys.Add(backend.Assertions.PublicJwk());
            if (smart.Value.Authentication == SmartClientAuthentication.ConfidentialAsymmetric)
            {
                var jwk = launchClient.PublicJwk();
                if (!keys.Any(k => k.TryGetValue("kid", out var kid) && jwk.TryGetValue("kid", out var other) && kid == other)) keys.Add(jwk);
            }
            context.Response.Headers.CacheControl = "public, max-age=300";
            return TypedResults.Json(new Dictionary<string, object> { ["keys"] = keys });
        });
        return app;
    }
}
