using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>
/// Signs <c>private_key_jwt</c> client assertions per SMART App Launch 2.2 §4.1 "Client Authentication: Asymmetric":
/// header alg RS384|ES384, kid, typ JWT; claims iss = sub = client_id, aud = the token endpoint, a fresh jti, and exp
/// five minutes ahead (the most the profile allows).
/// </summary>
public sealed class ClientAssertionFactory : IDisposable
{
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly SmartClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Lazy<(SigningCredentials Credentials, AsymmetricAlgorithm Key)> _signing;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public ClientAssertionFactory(IOptions<SmartClientOptions> options, TimeProvider timeProvider)
    {
        _options = options.Value;
        _timeProvider = timeProvider;
        _signing = new Lazy<(SigningCredentials, AsymmetricAlgorithm)>(() => LoadKey(_options), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <param name="tokenEndpoint">The audience, exactly as the server published it.</param>
    public string Create(Uri tokenEndpoint)
    {
        var now = _timeProvider.GetUtcNow();
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _options.ClientId,
            Audience = tokenEndpoint.OriginalString,
            IssuedAt = now.UtcDateTime,
            Expires = (now + Lifetime).UtcDateTime,
            TokenType = "JWT",
            Claims = new Dictionary<string, object> { ["sub"] = _options.ClientId, ["jti"] = Pkce.RandomToken(16) },
            SigningCredentials = _signing.Value.Credentials,
        };
        return _handler.CreateToken(descriptor);
    }

    /// <summary>Loads <see cref="SmartClientOptions.PrivateKey"/> (PEM text or a PEM file) for the configured algorithm.</summary>
    internal static (SigningCredentials Credentials, AsymmetricAlgorithm Key) LoadKey(SmartClientOptions options)
    {
        var source = options.PrivateKey ?? throw new InvalidOperationException("Smart:PrivateKey is not set.");
        var pem = source.Contains("-----BEGIN", StringComparison.Ordinal) ? source : File.ReadAllText(source);
        if (options.SigningAlgorithm == SecurityAlgorithms.EcdsaSha384)
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            if (ec.KeySize != 384) throw new InvalidOperationException("Smart:PrivateKey must be a P-384 key for ES384.");
            return (Credentials(new ECDsaSecurityKey(ec) { KeyId = options.KeyId }, SecurityAlgorithms.EcdsaSha384), ec);
        }
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        if (rsa.KeySize < 2048) throw new InvalidOperationException("Smart:PrivateKey must be an RSA key of at least 2048 bits for RS384.");
        return (Credentials(new RsaSecurityKey(rsa) { KeyId = options.KeyId }, SecurityAlgorithms.RsaSha384), rsa);
    }

    // IdentityModel caches signature providers process-wide by key thumbprint; this factory owns (and disposes) its
    // key, so it keeps its providers out of that cache rather than leave a disposed key behind in it.
    private static SigningCredentials Credentials(AsymmetricSecurityKey key, string algorithm) =>
        new(key, algorithm) { CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false } };

    public void Dispose()
    {
        if (_signing.IsValueCreated) _signing.Value.Key.Dispose();
    }
}
