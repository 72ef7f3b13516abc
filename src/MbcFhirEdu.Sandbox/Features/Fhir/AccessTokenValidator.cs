using MbcFhirEdu.Sandbox.Features.Auth;
using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Sandbox.Features.Fhir;

/// <summary>Checks the sandbox's own access tokens: signature, issuer, audience (the FHIR base), lifetime.</summary>
internal sealed class AccessTokenValidator(SandboxSigningKey key, TimeProvider time, SandboxFaults faults)
{
    private readonly JsonWebTokenHandler _handler = new();

    public async Task<FhirAccess?> ValidateAsync(string token, SandboxUrls urls, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = urls.Issuer,
            ValidAudience = urls.FhirBase,
            IssuerSigningKey = key.SecurityKey,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidTypes = ["at+jwt"],
            LifetimeValidator = TokenLifetime.Validator(time, TimeSpan.FromSeconds(5)),
        });
        if (!result.IsValid) return null;
        var jwt = (JsonWebToken)result.SecurityToken;
        if (faults.IsExpiredByFault(new DateTimeOffset(jwt.IssuedAt, TimeSpan.Zero))) return null;
        var scopes = ScopeGranter.ResourceScopes(ScopeGranter.Split(Claim(jwt, "scope")));
        var fhirUser = Claim(jwt, "fhirUser") is { } user && user.StartsWith(urls.FhirBase + "/", StringComparison.Ordinal)
            ? user[(urls.FhirBase.Length + 1)..]
            : null;
        return new FhirAccess(Claim(jwt, "client_id") ?? "", scopes, Claim(jwt, "patient"), fhirUser);
    }

    private static string? Claim(JsonWebToken jwt, string type) => jwt.TryGetPayloadValue<string>(type, out var value) ? value : null;
}
