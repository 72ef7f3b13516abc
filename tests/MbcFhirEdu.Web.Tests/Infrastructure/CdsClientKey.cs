using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Web.Tests.Infrastructure;

/// <summary>A CDS client's signing key (RSA 2048) and the JWTs it signs, good and deliberately bad.</summary>
public sealed class CdsClientKey : IDisposable
{
    public const string Issuer = "https://ehr.test/cds-client";
    public const string AllowedJku = "https://ehr.test/jwks.json";
    public const string Audience = WebAppFactory.Origin + "/cds-services/mbc-education";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;

    public CdsClientKey(string kid = "cds-key-1")
    {
        _key = new RsaSecurityKey(_rsa) { KeyId = kid };
    }

    /// <summary>The public key as a JWK Set document.</summary>
    public string JwksJson
    {
        get
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = _key.KeyId });
            jwk.Use = "sig";
            jwk.Alg = SecurityAlgorithms.RsaSha384;
            return System.Text.Json.JsonSerializer.Serialize(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = jwk.Use, alg = jwk.Alg, n = jwk.N, e = jwk.E } } });
        }
    }

    /// <summary>A JWT as a CDS client sends it (CDS Hooks 2.0: iss, aud, exp, iat, jti; RS384 here).</summary>
    public string Sign(string audience = Audience, string issuer = Issuer, string? jti = null, DateTimeOffset? issuedAt = null,
        TimeSpan? lifetime = null, string? jku = null)
    {
        var iat = issuedAt ?? DateTimeOffset.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = iat.UtcDateTime,
            NotBefore = iat.UtcDateTime,
            Expires = (iat + (lifetime ?? TimeSpan.FromMinutes(5))).UtcDateTime,
            Claims = new Dictionary<string, object> { ["jti"] = jti ?? Guid.NewGuid().ToString("n"), ["sub"] = "cds-client" },
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha384),
        };
        if (jku is not null) descriptor.AdditionalHeaderClaims = new Dictionary<string, object> { ["jku"] = jku };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>The same claims, unsigned (alg none).</summary>
    public static string Unsigned(string audience = Audience)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64Url("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64Url($$"""{"iss":"{{Issuer}}","aud":"{{audience}}","iat":{{now}},"exp":{{now + 300}},"jti":"{{Guid.NewGuid():n}}"}""");
        return $"{header}.{payload}.";
    }

    /// <summary>The same claims signed with HMAC-SHA256 over a shared secret.</summary>
    public static string Hmac(string audience = Audience)
    {
        var secret = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["jti"] = Guid.NewGuid().ToString("n") },
            SigningCredentials = new SigningCredentials(secret, SecurityAlgorithms.HmacSha256),
        });
    }

    public void Dispose() => _rsa.Dispose();

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
}
