using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net.Http.Headers;
using MbcFhirEdu.Fhir.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>
/// Validates the id_token returned when <c>openid fhirUser</c> was asked (SMART App Launch 2.2 §2.2 "Scopes for
/// requesting identity data", OpenID Connect Core §3.1.3.7): signature against the server's JWKS (fetched from the
/// discovered <c>jwks_uri</c>, through the allow-list), <c>iss</c>, <c>aud</c> = client_id, <c>exp</c>, and the nonce.
/// </summary>
public sealed class IdTokenValidator(
    IHttpClientFactory httpClientFactory,
    IssuerAllowList allowList,
    IOptions<SmartClientOptions> options,
    TimeProvider timeProvider,
    ILogger<IdTokenValidator> logger)
{
    private const long MaxJwksBytes = 256 * 1024;
    private static readonly ImmutableArray<string> Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384,
    ];

    private readonly ConcurrentDictionary<string, (JsonWebKeySet Keys, DateTimeOffset Expires)> _jwks = new(StringComparer.Ordinal);
    private readonly JsonWebTokenHandler _handler = new();

    public async Task<IdTokenResult> ValidateAsync(string idToken, LaunchState launch, CancellationToken cancellationToken)
    {
        if (launch.JwksUri is null) return IdTokenResult.Failure("The server publishes no jwks_uri to check the id_token with.");
        var keys = await GetKeysAsync(launch, refresh: false, cancellationToken).ConfigureAwait(false);
        if (keys is null) return IdTokenResult.Failure("The server's signing keys could not be fetched.");

        var result = await _handler.ValidateTokenAsync(idToken, Parameters(launch, keys)).ConfigureAwait(false);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The server may have rotated its keys since they were cached: fetch once more.
            keys = await GetKeysAsync(launch, refresh: true, cancellationToken).ConfigureAwait(false);
            if (keys is not null) result = await _handler.ValidateTokenAsync(idToken, Parameters(launch, keys)).ConfigureAwait(false);
        }
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            SmartLog.IdTokenRejected(logger, result.Exception?.GetType().Name ?? "invalid");
            return IdTokenResult.Failure("The id_token is not valid (" + Reason(result.Exception) + ").");
        }
        if (CheckTimes(token) is { } timeError) return IdTokenResult.Failure(timeError);
        if (!token.TryGetPayloadValue<string>("nonce", out var nonce) || !Pkce.FixedTimeEquals(nonce, launch.Nonce))
            return IdTokenResult.Failure("The id_token's nonce does not match this launch.");
        token.TryGetPayloadValue<string>("fhirUser", out var fhirUser);
        return IdTokenResult.Success(fhirUser, token.Subject);
    }

    private TokenValidationParameters Parameters(LaunchState launch, JsonWebKeySet keys)
    {
        // With no OpenID issuer advertised, the FHIR base is the issuer; accept it with or without the trailing slash.
        var issuer = launch.OpenIdIssuer ?? launch.Issuer.AbsoluteUri.TrimEnd('/');
        return new TokenValidationParameters
        {
            ValidIssuers = [issuer, issuer.TrimEnd('/'), issuer.TrimEnd('/') + "/"],
            ValidAudience = options.Value.ClientId,
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidAlgorithms = Algorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            // Lifetime is checked below against the injected clock, not the machine's.
            ValidateLifetime = false,
        };
    }

    private string? CheckTimes(JsonWebToken token)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var skew = options.Value.ClockSkew;
        if (token.ValidTo == DateTime.MinValue || token.ValidTo + skew <= now) return "The id_token has expired.";
        if (token.IssuedAt != DateTime.MinValue && token.IssuedAt - skew > now) return "The id_token was issued in the future.";
        return null;
    }

    private async Task<JsonWebKeySet?> GetKeysAsync(LaunchState launch, bool refresh, CancellationToken cancellationToken)
    {
        var uri = launch.JwksUri!;
        var now = timeProvider.GetUtcNow();
        if (!refresh && _jwks.TryGetValue(uri.AbsoluteUri, out var cached) && cached.Expires > now) return cached.Keys;
        if (!allowList.IsAllowedUrl(uri)) return null;
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Options.Set(FhirRequestOptions.BreakerScope, launch.Issuer.AbsoluteUri);
        using var deadline = new Deadline(options.Value.SmartCallDeadline, timeProvider, cancellationToken);
        try
        {
            var http = httpClientFactory.CreateClient(FhirRequestOptions.SmartClientName);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) return null;
            var body = await BoundedContent.ReadAsync(response.Content, MaxJwksBytes, null, deadline.Token).ConfigureAwait(false);
            if (body.Bytes is null) return null;
            var keys = new JsonWebKeySet(System.Text.Encoding.UTF8.GetString(body.Bytes));
            _jwks[uri.AbsoluteUri] = (keys, now + options.Value.DiscoveryCacheDuration);
            return keys;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or ArgumentException or System.Text.Json.JsonException or Polly.ExecutionRejectedException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            SmartLog.JwksFailed(logger, ex.GetType().Name);
            return null;
        }
    }

    private static string Reason(Exception? exception) => exception switch
    {
        SecurityTokenInvalidAudienceException => "wrong audience",
        SecurityTokenInvalidIssuerException => "wrong issuer",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "bad signature",
        SecurityTokenInvalidAlgorithmException => "algorithm not allowed",
        SecurityTokenMalformedException => "malformed",
        _ => "rejected",
    };
}
