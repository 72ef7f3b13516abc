using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>
/// Access tokens for stored sessions, refreshed per SMART App Launch 2.2 §2.1 "Refresh access token" when within
/// <c>Smart:TokenRefreshMargin</c> of expiry, or once after a 401. Concurrent callers of one session share a single
/// refresh, so a rotating refresh token is never spent twice.
/// </summary>
public sealed class SmartTokenProvider(
    ITokenSessionStore sessions,
    SmartTokenClient tokenClient,
    IOptions<SmartClientOptions> options,
    TimeProvider timeProvider,
    ILogger<SmartTokenProvider> logger) : IAccessTokenSource
{
    private readonly ConcurrentDictionary<string, Lazy<Task<AccessTokenResult>>> _refreshes = new(StringComparer.Ordinal);

    public async Task<AccessTokenResult> GetAccessTokenAsync(string sessionId, CancellationToken cancellationToken)
    {
        var session = await sessions.GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session is null) return AccessTokenResult.Failure(SmartErrorCode.SessionNotFound, "The session has ended; please launch the app again.");
        var now = timeProvider.GetUtcNow();
        if (session.AccessTokenExpiresAt - options.Value.TokenRefreshMargin > now) return AccessTokenResult.Success(session.AccessToken);
        if (session.RefreshToken is null)
        {
            return session.AccessTokenExpiresAt > now
                ? AccessTokenResult.Success(session.AccessToken)
                : AccessTokenResult.Failure(SmartErrorCode.SessionExpired, "The session has expired; please launch the app again.");
        }
        var refreshed = await RefreshOnceAsync(sessionId, session.AccessToken, cancellationToken).ConfigureAwait(false);
        // A refresh ahead of time that fails leaves the current token usable until it really expires.
        return refreshed.Succeeded || session.AccessTokenExpiresAt <= timeProvider.GetUtcNow() ? refreshed : AccessTokenResult.Success(session.AccessToken);
    }

    public async Task<AccessTokenResult> OnUnauthorizedAsync(string sessionId, string rejectedAccessToken, CancellationToken cancellationToken)
    {
        var session = await sessions.GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session is null) return AccessTokenResult.Failure(SmartErrorCode.SessionNotFound, "The session has ended; please launch the app again.");
        // Another request already replaced the rejected token: use the new one rather than refresh again.
        if (!Pkce.FixedTimeEquals(session.AccessToken, rejectedAccessToken)) return AccessTokenResult.Success(session.AccessToken);
        if (session.RefreshToken is null) return AccessTokenResult.Failure(SmartErrorCode.SessionExpired, "The FHIR server no longer accepts this session.");
        return await RefreshOnceAsync(sessionId, rejectedAccessToken, cancellationToken).ConfigureAwait(false);
    }

    private Task<AccessTokenResult> RefreshOnceAsync(string sessionId, string staleToken, CancellationToken cancellationToken)
    {
        var lazy = _refreshes.GetOrAdd(sessionId, id => new Lazy<Task<AccessTokenResult>>(() => RefreshAsync(id, staleToken)));
        // The shared refresh runs to completion even if this caller gives up; each caller waits with its own token.
        return lazy.Value.WaitAsync(cancellationToken);
    }

    private async Task<AccessTokenResult> RefreshAsync(string sessionId, string staleToken)
    {
        try
        {
            var session = await sessions.GetAsync(sessionId, CancellationToken.None).ConfigureAwait(false);
            if (session is null) return AccessTokenResult.Failure(SmartErrorCode.SessionNotFound, "The session has ended; please launch the app again.");
            if (!Pkce.FixedTimeEquals(session.AccessToken, staleToken) && session.AccessTokenExpiresAt - options.Value.TokenRefreshMargin > timeProvider.GetUtcNow())
                return AccessTokenResult.Success(session.AccessToken);
            if (session.RefreshToken is null) return AccessTokenResult.Failure(SmartErrorCode.SessionExpired, "The session has expired; please launch the app again.");

            var response = await tokenClient.RefreshAsync(session.Issuer, session.TokenEndpoint, session.RefreshToken, CancellationToken.None).ConfigureAwait(false);
            if (!response.Succeeded)
            {
                SmartLog.RefreshFailed(logger);
                return AccessTokenResult.Failure(SmartErrorCode.SessionExpired, response.Error.Message);
            }
            var token = response.Response;
            var refreshed = session with
            {
                AccessToken = token.AccessToken,
                AccessTokenExpiresAt = SessionBuilder.ExpiresAt(token, timeProvider.GetUtcNow()),
                // A server that rotates refresh tokens sends a new one; otherwise the old one stays valid.
                RefreshToken = token.RefreshToken ?? session.RefreshToken,
                GrantedScopes = token.Scope is null ? session.GrantedScopes : SmartScopes.Parse(token.Scope),
                DegradedScopes = token.Scope is null ? session.DegradedScopes : SmartScopes.DegradedMessages(SmartScopes.Parse(token.Scope)),
            };
            await sessions.SaveAsync(sessionId, refreshed, CancellationToken.None).ConfigureAwait(false);
            SmartLog.Refreshed(logger);
            return AccessTokenResult.Success(refreshed.AccessToken);
        }
        finally
        {
            _refreshes.TryRemove(sessionId, out _);
        }
    }
}
