using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Sandbox.Tests.Infrastructure;

/// <summary>An RSA key of a test client registered for private_key_jwt, and the client assertions it signs.</summary>
public sealed class TestClientKey : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);

    public TestClientKey(string keyId = "test-key-1") => KeyId = keyId;

    public string KeyId { get; }

    /// <summary>The public JWKS to register with the sandbox.</summary>
    public string Jwks
    {
        get
        {
            var p = _rsa.ExportParameters(false);
            return $$"""{"keys":[{"kty":"RSA","kid":"{{KeyId}}","use":"sig","alg":"RS384","n":"{{Base64UrlEncoder.Encode(p.Modulus!)}}","e":"{{Base64UrlEncoder.Encode(p.Exponent!)}}"}]}""";
        }
    }

    /// <summary>SMART Backend Services client assertion: iss = sub = client id, aud = token endpoint, unique jti.</summary>
    public string CreateAssertion(string clientId, string audience, DateTimeOffset now, string? jti = null, TimeSpan? lifetime = null) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            Expires = (now + (lifetime ?? TimeSpan.FromMinutes(4))).UtcDateTime,
            Claims = new Dictionary<string, object> { ["sub"] = clientId, ["jti"] = jti ?? Guid.NewGuid().ToString("N") },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = KeyId }, SecurityAlgorithms.RsaSha384),
        });

    public void Dispose() => _rsa.Dispose();
}
