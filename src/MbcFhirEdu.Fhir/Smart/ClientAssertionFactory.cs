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

    private readonly ClientKeySettings _options;
    private readonly TimeProvider _timeProvider;
    private readonly Lazy<(SigningCredentials Credentials, AsymmetricAlgorithm Key)> _signing;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public ClientAssertionFactory(IOptions<SmartClientOptions> options, TimeProvider timeProvider)
        : this(ClientKeySettings.From(options.Value), timeProvider)
    {
    }

    /// <summary>For another registration of this app than the SMART launch client (e.g. SMART Backend Services).</summary>
    internal ClientAssertionFactory(ClientKeySettings settings, TimeProvider timeProvider)
    {
        _options = settings;
        _timeProvider = timeProvider;
        _signing = new Lazy<(SigningCredentials, AsymmetricAlgorithm)>(() => LoadKey(_options), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The client_id that signs (iss = sub of every assertion).</summary>
    public string ClientId => _options.ClientId;

    /// <summary>
    /// The public half of the signing key as a JWK (RFC 7517 / SMART Backend Services "JWKS"): kty, kid, alg, use=sig
    /// and the public parameters only (n, e or crv, x, y) — never d, p, q or the CRT values.
    /// </summary>
    public IReadOnlyDictionary<string, string> PublicJwk()
    {
        var (_, key) = _signing.Value;
        var jwk = new Dictionary<string, string>(StringComparer.Ordinal) { ["use"] = "sig", ["alg"] = _options.SigningAlgorithm };
        if (_options.KeyId is { Length: > 0 } kid) jwk["kid"] = kid;
        if (key is ECDsa ec)
        {
            var p = ec.ExportParameters(includePrivateParameters: false);
            jwk["kty"] = "EC";
            jwk["crv"] = "P-384";
            jwk["x"] = Base64UrlEncoder.Encode(p.Q.X!);
            jwk["y"] = Base64UrlEncoder.Encode(p.Q.Y!);
        }
        else
        {
            var p = ((RSA)key).ExportParameters(includePrivateParameters: false);
            jwk["kty"] = "RSA";
            jwk["n"] = Base64UrlEncoder.Encode(p.Modulus!);
            jwk["e"] = Base64UrlEncoder.Encode(p.Exponent!);
        }
        return jwk;
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
    internal static (SigningCredentials Credentials, AsymmetricAlgorithm Key) LoadKey(SmartClientOptions options) =>
        LoadKey(ClientKeySettings.From(options));

    /// <summary>Loads the private key: PEM text, a private JWK (JSON text), or the path of a file holding either.</summary>
    internal static (SigningCredentials Credentials, AsymmetricAlgorithm Key) LoadKey(ClientKeySettings options)
    {
        var source = options.PrivateKey ?? throw new InvalidOperationException($"{options.Section}:PrivateKey is not set.");
        var text = source.Contains("-----BEGIN", StringComparison.Ordinal) || source.TrimStart().StartsWith('{') ? source : File.ReadAllText(source);
        var isJwk = text.TrimStart().StartsWith('{');
        if (options.SigningAlgorithm == SecurityAlgorithms.EcdsaSha384)
        {
            var ec = isJwk ? PrivateJwk.ToEcdsa(text, options.Section) : ECDsa.Create();
            if (!isJwk) ec.ImportFromPem(text);
            if (ec.KeySize != 384) throw new InvalidOperationException($"{options.Section}:PrivateKey must be a P-384 key for ES384.");
            return (Credentials(new ECDsaSecurityKey(ec) { KeyId = options.KeyId }, SecurityAlgorithms.EcdsaSha384), ec);
        }
        var rsa = isJwk ? PrivateJwk.ToRsa(text, options.Section) : RSA.Create();
        if (!isJwk) rsa.ImportFromPem(text);
        if (rsa.KeySize < 2048) throw new InvalidOperationException($"{options.Section}:PrivateKey must be an RSA key of at least 2048 bits for RS384.");
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
