using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using MbcFhirEdu.Sandbox.Features.Auth;
using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Sandbox.Features.Entra;

/// <summary>
/// Token endpoint client authentication as Entra ID accepts it: <c>client_secret_post</c>, <c>client_secret_basic</c>,
/// <c>private_key_jwt</c> (assertion signed with a key of the app's registered JWKS, <c>aud</c> = the token endpoint),
/// or none for an app with no credentials (a public client, PKCE only).
/// </summary>
internal sealed class EntraClientAuthenticator(EntraDirectory directory, TimeProvider time)
{
    private static readonly string[] AssertionAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512, SecurityAlgorithms.RsaSsaPssSha256,
         SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384];

    private readonly JsonWebTokenHandler _handler = new();
    private readonly ExpiringStore<bool> _usedAssertions = new(time);

    /// <summary>The authenticated app and how (secret, key, or none), or the reason it failed.</summary>
    public async Task<(SandboxEntraApp? App, string Method, string? Error)> AuthenticateAsync(HttpRequest request, IFormCollection form, EntraUrls urls)
    {
        string? clientId = form["client_id"], secret = form["client_secret"];
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) && header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            if (!TryBasic(header.Parameter, out var basicId, out var basicSecret)) return (null, "", "malformed Basic credentials");
            if (clientId is not null && clientId != basicId) return (null, "", "client_id does not match the Basic credentials");
            (clientId, secret) = (basicId, basicSecret);
        }
        if (form.ContainsKey("client_assertion")) return await AssertionAsync(form["client_assertion_type"], form["client_assertion"], clientId, urls);

        var app = directory.App(clientId);
        if (app is null) return (null, "", "AADSTS700016: unknown client_id");
        if (secret is not null)
        {
            return app.ClientSecret is { } expected && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(expected))
                ? (app, "secret", null)
                : (null, "", "AADSTS7000215: invalid client secret");
        }
        return app.IsConfidential ? (null, "", "AADSTS7000218: the request must contain client_secret or client_assertion") : (app, "none", null);
    }

    private async Task<(SandboxEntraApp?, string, string?)> AssertionAsync(string? type, string? assertion, string? formClientId, EntraUrls urls)
    {
        if (type != ClientAuthenticator.JwtBearerAssertion || string.IsNullOrEmpty(assertion))
            return (null, "", $"client_assertion_type must be {ClientAuthenticator.JwtBearerAssertion}");
        string? issuer;
        try { issuer = new JsonWebToken(assertion).Issuer; }
        catch (ArgumentException) { return (null, "", "client_assertion is not a JWT"); }
        var app = directory.App(issuer);
        if (app is null || string.IsNullOrWhiteSpace(app.Jwks)) return (null, "", "AADSTS700027: unknown client or no keys registered (Sandbox:Entra:Apps:*:Jwks)");
        if (formClientId is not null && formClientId != app.ClientId) return (null, "", "client_id does not match the assertion");
        var result = await _handler.ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            ValidIssuer = app.ClientId,
            ValidAudiences = [urls.Token, urls.Issuer],
            IssuerSigningKeys = new JsonWebKeySet(app.Jwks).GetSigningKeys(),
            ValidAlgorithms = AssertionAlgorithms,
            RequireExpirationTime = true,
            LifetimeValidator = TokenLifetime.Validator(time, TimeSpan.FromSeconds(30)),
        });
        if (!result.IsValid) return (null, "", $"AADSTS700027: client_assertion rejected ({result.Exception?.GetType().Name})");
        var jwt = (JsonWebToken)result.SecurityToken;
        if (jwt.Subject != app.ClientId) return (null, "", "client_assertion sub must equal iss");
        if (string.IsNullOrEmpty(jwt.Id) || !_usedAssertions.TryAdd(app.ClientId + " " + jwt.Id, true, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero).AddMinutes(1)))
            return (null, "", "client_assertion needs a jti not used before");
        return (app, "private_key_jwt", null);
    }

    private static bool TryBasic(string? parameter, out string id, out string secret)
    {
        id = secret = "";
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter ?? ""));
            var colon = decoded.IndexOf(':');
            if (colon < 0) return false;
            id = Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
            secret = Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));
            return true;
        }
        catch (FormatException) { return false; }
    }
}
