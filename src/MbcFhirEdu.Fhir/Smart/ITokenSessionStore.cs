namespace MbcFhirEdu.Fhir.Smart;

/// <summary>
/// Server-side token sessions keyed by an opaque random id, each (when a browser started it) owned by one browser: the
/// browser holds only a server-issued key in an HttpOnly cookie, which changes at every login. A session lives until
/// <see cref="SmartSession.ExpiresAt"/> (<c>Smart:SessionLifetime</c>, absolute) and only while it is used: each
/// browser use slides its idle expiry (<c>Smart:SessionIdleLifetime</c>). Past either it is gone, as if never saved.
/// </summary>
public interface ITokenSessionStore
{
    /// <summary>Saves a session not tied to a browser, or replaces a session's payload (a token refresh), keeping its owner.</summary>
    Task SaveAsync(string sessionId, SmartSession session, CancellationToken cancellationToken);

    /// <summary>The session, or null when unknown or past its absolute or idle expiry. Does not count as a use.</summary>
    Task<SmartSession?> GetAsync(string sessionId, CancellationToken cancellationToken);

    Task RemoveAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Saves a new launch's session for the browser that now holds <see cref="BrowserLogin.BrowserKey"/>: first the
    /// sessions of <see cref="BrowserLogin.PreviousBrowserKey"/> (if this store issued it) move to the new key, so the
    /// previous value names nothing any more; then the browser's oldest sessions end beyond
    /// <c>Smart:MaxSessionsPerBrowser</c>.
    /// </summary>
    Task StartAsync(string sessionId, SmartSession session, BrowserLogin login, CancellationToken cancellationToken);

    /// <summary>
    /// The session when the browser holding <paramref name="browserKey"/> owns it and it is within both lifetimes; this
    /// use slides its idle expiry (never past the absolute one).
    /// </summary>
    Task<SmartSession?> GetForBrowserAsync(string sessionId, string browserKey, CancellationToken cancellationToken);

    /// <summary>Ends (deletes, tokens included) every session of the browser holding <paramref name="browserKey"/>; returns how many.</summary>
    Task<int> EndBrowserAsync(string browserKey, CancellationToken cancellationToken);
}
