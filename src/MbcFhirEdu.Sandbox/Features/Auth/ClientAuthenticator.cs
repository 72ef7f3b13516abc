using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Sandbox.Features.Auth;

/// <summary>Token endpoint client authentication: public (client_id only), <c>client_secret_basic</c>, or
/// <c>private_key_jwt</c> (SMART App Launch 2.2 §"Client Authentication: Asymmetric (public key)").</summary>
internal sealed class ClientAuthenticator(ClientRegistry registry, ClientKeyFetcher keyFetcher, TimeProvider time)
{
    public const string JwtBearerAssertion = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static readonly TimeSpan MaxAssertionLifetime = TimeSpan.FromMinutes(5);
    private static readonly string[] AssertionAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384,
    ];

    private readonly JsonWebTokenHandler _handler = new();
    private readonly ExpiringStore<bool> _usedAssertionIds = new(time);

    public async Task<ClientAuthentication> AuthenticateAsync(HttpRequest request, IFormCollection form, SandboxUrls urls, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        string? formClientId = form["client_id"];
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) && header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
            return Basic(header.Parameter, formClientId);
        if (form.ContainsKey("client_assertion") || form.ContainsKey("client_assertion_type"))
            return await AssertionAsync(form["client_assertion_type"], form["client_assertion"], formClientId, urls);
        var client = registry.Find(formClientId);
        if (client is null) return ClientAuthentication.Fail("unknown client_id");
        return client.Type == SandboxClientType.Public
            ? ClientAuthentication.Ok(client)
            : ClientAuthentication.Fail("this client must authenticate (client_secret_basic or private_key_jwt)");
    }

    private ClientAuthentication Basic(string? parameter, string? formClientId)
    {
        string decoded;
        try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter ?? "")); }
        catch (FormatException) { return ClientAuthentication.Fail("malformed Basic credentials"); }
        var colon = decoded.IndexOf(':');
        if (colon < 0) return ClientAuthentication.Fail("malformed Basic credentials");
        var clientId = Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
        var secret = Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));
        var client = registry.Find(clientId);
        if (client is not { Type: SandboxClientType.ConfidentialSymmetric, Secret: { } expected }) return ClientAuthentication.Fail("unknown client or not a client_secret_basic client");
        if (formClientId is not null && formClientId != clientId) return ClientAuthentication.Fail("client_id does not match the credentials");
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(expected))
            ? ClientAuthentication.Ok(client)
            : ClientAuthentication.Fail("wrong client secret");
    }

    private async Task<ClientAuthentication> AssertionAsync(string? type, string? assertion, string? formClientId, SandboxUrls urls)
    {
        if (type != JwtBearerAssertion || string.IsNullOrEmpty(assertion)) return ClientAuthentication.Fail($"client_assertion_type must be {JwtBearerAssertion}");
        string? issuer;
        try { issuer = new JsonWebToken(assertion).Issuer; }
        catch (ArgumentException) { return ClientAuthentication.Fail("client_assertion is not a JWT"); }
        var client = registry.Find(issuer);
        if (client is not { Type: SandboxClientType.ConfidentialAsymmetric }) return ClientAuthentication.Fail("unknown client or not a private_key_jwt client");
        if (formClientId is not null && formClientId != client.ClientId) return ClientAuthentication.Fail("client_id does not match the assertion");

        var keys = client.JwksUrl is null ? client.SigningKeys : await keyFetcher.GetAsync(client.JwksUrl);
        if (keys.Count == 0) return ClientAuthentication.Fail("the client's registered JWKS could not be read");
        var result = await _handler.ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            ValidIssuer = client.ClientId,
            ValidAudience = urls.Token,
            IssuerSigningKeys = keys,
            ValidAlgorithms = AssertionAlgorithms,
            RequireExpirationTime = true,
            LifetimeValidator = TokenLifetime.Validator(time, TimeSpan.FromSeconds(30)),
        });
        if (!result.IsValid) return ClientAuthentication.Fail($"client_assertion rejected ({result.Exception?.GetType().Name})");
        var jwt = (JsonWebToken)result.SecurityToken;
        if (jwt.Subject != client.ClientId) return ClientAuthentication.Fail("client_assertion sub must equal iss");
        if (jwt.ValidTo - time.GetUtcNow().UtcDateTime > MaxAssertionLifetime) return ClientAuthentication.Fail("client_assertion exp is more than 5 minutes ahead");
        if (string.IsNullOrEmpty(jwt.Id)) return ClientAuthentication.Fail("client_assertion needs a jti");
        if (!_usedAssertionIds.TryAdd(client.ClientId + " " + jwt.Id, true, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero).AddMinutes(1)))
            return ClientAuthentication.Fail("client_assertion jti was already used");
        return ClientAuthentication.Ok(client, privateKeyJwt: true);
    }
}

internal sealed record ClientAuthentication(RegisteredClient? Client, string? Error, bool PrivateKeyJwt)
{
    public static ClientAuthentication Ok(RegisteredClient client, bool privateKeyJwt = false) => new(client, null, privateKeyJwt);
    public static ClientAuthentication Fail(string error) => new(null, error, false);
}
