using MbcFhirEdu.Data.CdsHooks;
using MbcFhirEdu.Web.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Web.Features.CdsHooks;

/// <summary>
/// Verifies the bearer JWT a CDS client sends (CDS Hooks 2.0 §"Trusting CDS Clients"): signed with an asymmetric key
/// (alg <c>none</c> and HMAC refused), <c>iss</c> on the allow-list, keys from that client's configured JWK Set or an
/// allow-listed <c>jku</c>, <c>aud</c> equal to the exact service URL, <c>exp</c>/<c>iat</c> within the clock skew (and
/// <c>exp</c> at most five minutes after <c>iat</c>), and a <c>jti</c> never seen before.
/// </summary>
internal sealed class CdsJwtVerifier(
    IOptions<CdsHooksOptions> options,
    CdsJwksSource keySource,
    ICdsJtiStore jtiStore,
    TimeProvider timeProvider)
{
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);
    private readonly JsonWebTokenHandler _handler = new() { MaximumTokenSizeInBytes = 16 * 1024 };

    /// <param name="audience">The exact URL the request was sent to (e.g. <c>https://edu.example.org/cds-services/mbc-education</c>).</param>
    public async Task<CdsJwtResult> VerifyAsync(string? authorization, string audience, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(authorization) || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return CdsJwtResult.Fail("missing-token", "The request has no Authorization: Bearer JWT.");
        var raw = authorization["Bearer ".Length..].Trim();
        if (raw.Length == 0 || raw.Length > _handler.MaximumTokenSizeInBytes || !_handler.CanReadToken(raw))
            return CdsJwtResult.Fail("malformed", "The bearer token is not a JWT.");

        JsonWebToken token;
        try { token = _handler.ReadJsonWebToken(raw); }
        catch (ArgumentException) { return CdsJwtResult.Fail("malformed", "The bearer token is not a JWT."); }

        var alg = token.Alg ?? "";
        if (alg.Length == 0 || alg.Equals("none", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(token.EncodedSignature))
            return CdsJwtResult.Fail("unsigned", "Unsigned JWTs (alg none) are refused.");
        if (!CdsKeys.AllowedAlgorithms.Contains(alg, StringComparer.Ordinal))
            return CdsJwtResult.Fail("algorithm", $"JWT alg {(alg.StartsWith("HS", StringComparison.OrdinalIgnoreCase) ? "HMAC" : "value")} is refused: only RSA and EC signatures are accepted.");

        var issuer = token.Issuer;
        var client = options.Value.Clients.FirstOrDefault(c => string.Equals(c.Issuer, issuer, StringComparison.Ordinal));
        if (client is null) return CdsJwtResult.Fail("unknown-issuer", "The JWT's iss is not a CDS client this service knows.");

        IReadOnlyList<SecurityKey>? keys;
        if (token.TryGetHeaderValue<string>("jku", out var jku) && !string.IsNullOrEmpty(jku))
        {
            if (!client.AllowedJku.Contains(jku, StringComparer.Ordinal) || !CdsKeys.IsFetchableUrl(jku))
                return CdsJwtResult.Fail("jku-not-allowed", "The JWT's jku is not on this client's allow-list; it was not fetched.");
            var fetched = await keySource.FetchAsync(jku, cancellationToken);
            if (fetched.Keys is null) return CdsJwtResult.Fail("jku-failed", "The client's key set could not be used: " + fetched.Error + ".");
            keys = fetched.Keys;
        }
        else
        {
            keys = keySource.Configured(client);
            if (keys is null) return CdsJwtResult.Fail("no-keys", "This client has no configured key set; its JWT must name an allow-listed jku.");
        }

        // The token already read above is validated as it is (the raw string overload would parse it a second time).
        var validation = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = client.Issuer,
            ValidAudience = audience,
            IssuerSigningKeys = keys,
            ValidAlgorithms = CdsKeys.AllowedAlgorithms,
            RequireSignedTokens = true,
            TryAllIssuerSigningKeys = true,
            // Lifetime is checked below on the injected clock.
            ValidateLifetime = false,
            RequireExpirationTime = false,
        });
        if (!validation.IsValid)
        {
            return validation.Exception switch
            {
                SecurityTokenInvalidAudienceException => CdsJwtResult.Fail("audience", "The JWT's aud is not this service's URL."),
                SecurityTokenInvalidIssuerException => CdsJwtResult.Fail("unknown-issuer", "The JWT's iss is not a CDS client this service knows."),
                _ => CdsJwtResult.Fail("signature", "The JWT's signature does not verify with the client's keys."),
            };
        }

        var now = timeProvider.GetUtcNow();
        var skew = options.Value.ClockSkew;
        if (!token.TryGetPayloadValue<long>("exp", out var expSeconds)) return CdsJwtResult.Fail("lifetime", "The JWT has no exp.");
        if (!token.TryGetPayloadValue<long>("iat", out var iatSeconds)) return CdsJwtResult.Fail("lifetime", "The JWT has no iat.");
        var exp = DateTimeOffset.FromUnixTimeSeconds(expSeconds);
        var iat = DateTimeOffset.FromUnixTimeSeconds(iatSeconds);
        if (exp + skew < now) return CdsJwtResult.Fail("expired", "The JWT has expired.");
        if (iat - skew > now) return CdsJwtResult.Fail("lifetime", "The JWT's iat is in the future.");
        if (exp - iat > MaxLifetime + skew) return CdsJwtResult.Fail("lifetime", "The JWT lives longer than five minutes.");

        if (!token.TryGetPayloadValue<string>("jti", out var jti) || string.IsNullOrEmpty(jti) || jti.Length > 256)
            return CdsJwtResult.Fail("jti", "The JWT has no usable jti.");
        if (!await jtiStore.TryRecordAsync(client.Issuer, jti, exp, cancellationToken))
            return CdsJwtResult.Fail("replay", "This JWT (its jti) was already used.");
        return CdsJwtResult.Success(client.Issuer);
    }

    /// <summary>
    /// The exact URL a client must name in <c>aud</c> for a request to <paramref name="context"/>'s path: the configured
    /// public base URL plus the path, never the Host header (a token minted for another host is refused even when the
    /// request carries that Host).
    /// </summary>
    public static string AudienceFor(HttpContext context) => PublicUrls.Base(context) + context.Request.PathBase + context.Request.Path;
}

/// <summary>The verified client's <c>iss</c>, or a code (logged) and a message (returned) saying why not.</summary>
internal sealed record CdsJwtResult(string? Issuer, string? Code, string? Message)
{
    public bool Succeeded => Issuer is not null;
    public static CdsJwtResult Success(string issuer) => new(issuer, null, null);
    public static CdsJwtResult Fail(string code, string message) => new(null, code, message);
}
