using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Sandbox.Features.Auth;

/// <summary>Signs access tokens (RS256 JWTs carrying scope, patient, fhirUser) and OpenID Connect id tokens.</summary>
internal sealed class TokenIssuer(SandboxSigningKey key, TimeProvider time, IOptions<SandboxOptions> options)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TimeSpan AccessTokenLifetime => TimeSpan.FromSeconds(options.Value.AccessTokenLifetimeSeconds);

    /// <param name="subject">The user's relative reference, or the client id for backend services.</param>
    public string CreateAccessToken(SandboxUrls urls, string clientId, IReadOnlyList<string> scopes, string subject, string? patientId, string? fhirUser)
    {
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = subject,
            [JwtRegisteredClaimNames.Jti] = RandomTokens.New(),
            ["client_id"] = clientId,
            ["scope"] = string.Join(' ', scopes),
        };
        if (patientId is not null) claims["patient"] = patientId;
        if (fhirUser is not null) claims["fhirUser"] = urls.Resource(fhirUser);
        return Sign(urls.Issuer, urls.FhirBase, claims, AccessTokenLifetime, "at+jwt");
    }

    /// <summary>OpenID Connect Core §2; <c>fhirUser</c> per SMART App Launch 2.2 §"Scopes for requesting identity data".</summary>
    public string CreateIdToken(SandboxUrls urls, AuthorizationGrant grant)
    {
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = grant.FhirUser,
            [JwtRegisteredClaimNames.AuthTime] = time.GetUtcNow().ToUnixTimeSeconds(),
        };
        if (grant.Has("fhirUser")) claims["fhirUser"] = urls.Resource(grant.FhirUser);
        if (grant.Nonce is not null) claims[JwtRegisteredClaimNames.Nonce] = grant.Nonce;
        return Sign(urls.Issuer, grant.ClientId, claims, AccessTokenLifetime, "JWT");
    }

    private string Sign(string issuer, string audience, Dictionary<string, object> claims, TimeSpan lifetime, string type)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = claims,
            SigningCredentials = key.Credentials,
            TokenType = type,
        });
    }
}
