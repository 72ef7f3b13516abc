using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>
/// SMART Backend Services (SMART App Launch 2.2 §5 "Backend Services"): a <c>client_credentials</c> token authenticated
/// with a <c>private_key_jwt</c> assertion (RS384 or ES384), the token endpoint found by discovery of the FHIR base, the
/// configured system scopes. One token per FHIR base is cached until <c>TokenRefreshMargin</c> before it expires;
/// concurrent callers share one token request. The "session id" of <see cref="IAccessTokenSource"/> is the FHIR base.
/// </summary>
public sealed class BackendServicesTokenSource : IAccessTokenSource, IDisposable
{
    private readonly SmartDiscovery _discovery;
    private readonly SmartTokenClient _tokenClient;
    private readonly BackendServicesOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<BackendServicesTokenSource> _logger;
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset ExpiresAt)> _cache = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _tokenRequests;

    public BackendServicesTokenSource(
        SmartDiscovery discovery, SmartTokenClient tokenClient, IOptions<BackendServicesOptions> options, TimeProvider timeProvider,
        ILogger<BackendServicesTokenSource> logger)
    {
        _discovery = discovery;
        _tokenClient = tokenClient;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        Assertions = new ClientAssertionFactory(ClientKeySettings.From(_options), timeProvider);
    }

    /// <summary>Signs this client's assertions; its <see cref="ClientAssertionFactory.PublicJwk"/> goes into our JWKS.</summary>
    public ClientAssertionFactory Assertions { get; }

    public bool IsConfigured => _options.IsConfigured;

    /// <summary>Token requests sent so far (for tests and diagnostics; cache hits do not count).</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <param name="sessionId">The FHIR base URL; it must be on the issuer allow-list.</param>
    public Task<AccessTokenResult> GetAccessTokenAsync(string sessionId, CancellationToken cancellationToken) =>
        GetAsync(sessionId, rejected: null, cancellationToken);

    public Task<AccessTokenResult> OnUnauthorizedAsync(string sessionId, string rejectedAccessToken, CancellationToken cancellationToken) =>
        GetAsync(sessionId, rejectedAccessToken, cancellationToken);

    private async Task<AccessTokenResult> GetAsync(string fhirBase, string? rejected, CancellationToken cancellationToken)
    {
        if (!_options.IsConfigured)
            return AccessTokenResult.Failure(SmartErrorCode.InvalidRequest, "SMART Backend Services is not configured (BackendServices:ClientId).");
        if (Fresh(fhirBase, rejected) is { } cached) return AccessTokenResult.Success(cached);

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have fetched while this one waited.
            if (Fresh(fhirBase, rejected) is { } fetched) return AccessTokenResult.Success(fetched);
            var discovered = await _discovery.DiscoverAsync(fhirBase, cancellationToken).ConfigureAwait(false);
            if (!discovered.Succeeded) return AccessTokenResult.Failure(discovered.Error.Code, discovered.Error.Message);

            Interlocked.Increment(ref _tokenRequests);
            var response = await _tokenClient.ClientCredentialsAsync(
                discovered.Configuration.Issuer, discovered.Configuration.TokenEndpoint, string.Join(' ', _options.Scopes), Assertions, cancellationToken)
                .ConfigureAwait(false);
            if (!response.Succeeded) return AccessTokenResult.Failure(SmartErrorCode.TokenError, response.Error.Message);

            var lifetime = response.Response.ExpiresIn is > 0 and var seconds ? TimeSpan.FromSeconds(seconds) : _options.DefaultTokenLifetime;
            _cache[fhirBase] = (response.Response.AccessToken, _timeProvider.GetUtcNow() + lifetime);
            SmartLog.BackendTokenIssued(_logger, (int)lifetime.TotalSeconds);
            return AccessTokenResult.Success(response.Response.AccessToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private string? Fresh(string fhirBase, string? rejected)
    {
        if (!_cache.TryGetValue(fhirBase, out var entry)) return null;
        if (rejected is not null && Pkce.FixedTimeEquals(entry.Token, rejected)) return null;
        return entry.ExpiresAt - _options.TokenRefreshMargin > _timeProvider.GetUtcNow() ? entry.Token : null;
    }

    public void Dispose()
    {
        _gate.Dispose();
        Assertions.Dispose();
    }
}
