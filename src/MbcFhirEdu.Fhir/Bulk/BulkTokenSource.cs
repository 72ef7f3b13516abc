using MbcFhirEdu.Fhir.Smart;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Fhir.Bulk;

/// <summary>
/// SMART Backend Services tokens for Bulk Data: the app's Backend Services registration (client id and key from
/// <c>BackendServices</c>) asking for <c>BulkData:Scope</c> alone, so export tokens carry read scopes only (and the
/// Group scope the write-back tokens do not need). A <see cref="BackendServicesTokenSource"/> of its own keeps these
/// tokens in their own cache, refreshed before they expire and on a 401.
/// </summary>
public sealed class BulkTokenSource : IAccessTokenSource, IDisposable
{
    private readonly BackendServicesTokenSource _inner;

    public BulkTokenSource(SmartDiscovery discovery, SmartTokenClient tokenClient, IOptions<BackendServicesOptions> backend,
        IOptions<BulkDataOptions> bulk, TimeProvider timeProvider, ILogger<BackendServicesTokenSource> logger)
    {
        var b = backend.Value;
        var options = new BackendServicesOptions
        {
            ClientId = b.ClientId,
            PrivateKey = b.PrivateKey,
            KeyId = b.KeyId,
            SigningAlgorithm = b.SigningAlgorithm,
            Scopes = [.. bulk.Value.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            TokenRefreshMargin = b.TokenRefreshMargin,
            DefaultTokenLifetime = b.DefaultTokenLifetime,
        };
        _inner = new BackendServicesTokenSource(discovery, tokenClient, Options.Create(options), timeProvider, logger);
    }

    /// <summary>Token requests sent so far (cache hits do not count).</summary>
    public int TokenRequests => _inner.TokenRequests;

    /// <param name="sessionId">The FHIR base URL (<see cref="Uri.AbsoluteUri"/> of the request's base).</param>
    public Task<AccessTokenResult> GetAccessTokenAsync(string sessionId, CancellationToken cancellationToken) =>
        _inner.GetAccessTokenAsync(sessionId, cancellationToken);

    public Task<AccessTokenResult> OnUnauthorizedAsync(string sessionId, string rejectedAccessToken, CancellationToken cancellationToken) =>
        _inner.OnUnauthorizedAsync(sessionId, rejectedAccessToken, cancellationToken);

    public void Dispose() => _inner.Dispose();
}
