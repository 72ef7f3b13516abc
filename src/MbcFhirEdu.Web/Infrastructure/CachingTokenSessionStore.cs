using System.Collections.Concurrent;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Web.Features.Patient;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Infrastructure;

/// <summary>
/// A short read-through in front of the configured <see cref="ITokenSessionStore"/> (in memory or a database): a
/// session read from the store is reused for <c>Web:SessionCacheSeconds</c> (default 5 s), never past its own
/// <see cref="SmartSession.ExpiresAt"/>, and for a browser only by the browser key it was read with. Saves, logins,
/// logouts and removals go to the store first and then replace or drop the local copies, and drop the session's cached
/// pages (<see cref="PatientPageCache"/>): a refreshed, replaced or ended session never serves what was loaded before.
/// Another replica's change (a logout, a rotated browser key, an expiry, a launch ended by the per-browser bound) is
/// seen here within that short time at most: that is the longest a session can outlive its deletion.
/// </summary>
internal sealed class CachingTokenSessionStore(ITokenSessionStore inner, RecentSessions recent, PatientPageCache pages) : ITokenSessionStore
{
    /// <summary>The wrapped store.</summary>
    public ITokenSessionStore Inner => inner;

    public async Task<SmartSession?> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (recent.Find(sessionId, browserKey: null) is { } session) return session;
        session = await inner.GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session is not null) recent.Remember(sessionId, session, browserKey: null);
        return session;
    }

    public async Task<SmartSession?> GetForBrowserAsync(string sessionId, string browserKey, CancellationToken cancellationToken)
    {
        // A use served from here does not slide the idle expiry; the next store read (within seconds) does.
        if (recent.Find(sessionId, browserKey) is { } session) return session;
        session = await inner.GetForBrowserAsync(sessionId, browserKey, cancellationToken).ConfigureAwait(false);
        if (session is not null) recent.Remember(sessionId, session, browserKey);
        return session;
    }

    public async Task SaveAsync(string sessionId, SmartSession session, CancellationToken cancellationToken)
    {
        var previous = recent.Forget(sessionId);
        await inner.SaveAsync(sessionId, session, cancellationToken).ConfigureAwait(false);
        pages.Invalidate(sessionId, previous?.Session.PatientId, session.PatientId);
        recent.Remember(sessionId, session, previous?.BrowserKey);
    }

    public async Task StartAsync(string sessionId, SmartSession session, BrowserLogin login, CancellationToken cancellationToken)
    {
        // The browser's launches move to its new key: the old key must not find them here either.
        if (login.PreviousBrowserKey is { } previous) recent.ForgetBrowser(previous);
        await inner.StartAsync(sessionId, session, login, cancellationToken).ConfigureAwait(false);
        recent.Remember(sessionId, session, login.BrowserKey);
    }

    public async Task<int> EndBrowserAsync(string browserKey, CancellationToken cancellationToken)
    {
        var ended = await inner.EndBrowserAsync(browserKey, cancellationToken).ConfigureAwait(false);
        foreach (var (sessionId, session) in recent.ForgetBrowser(browserKey)) pages.Invalidate(sessionId, session.PatientId);
        return ended;
    }

    public async Task RemoveAsync(string sessionId, CancellationToken cancellationToken)
    {
        var patientId = recent.Forget(sessionId)?.Session.PatientId
            ?? (await inner.GetAsync(sessionId, cancellationToken).ConfigureAwait(false))?.PatientId;
        await inner.RemoveAsync(sessionId, cancellationToken).ConfigureAwait(false);
        recent.Forget(sessionId);
        pages.Invalidate(sessionId, patientId);
    }
}

/// <summary>A session this replica read lately, and the browser key it was read for (null: read without one).</summary>
internal sealed record RecentSession(SmartSession Session, string? BrowserKey, DateTimeOffset Until);

/// <summary>The sessions this replica read lately (one per application), bounded and expiring on the app's clock.</summary>
internal sealed class RecentSessions(IOptions<WebOptions> options, TimeProvider time)
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, RecentSession> _sessions = new(StringComparer.Ordinal);
    private readonly TimeSpan _ttl = TimeSpan.FromSeconds(options.Value.SessionCacheSeconds);

    /// <summary>The copy, when fresh and (given a browser key) read for that browser.</summary>
    public SmartSession? Find(string sessionId, string? browserKey)
    {
        if (_ttl <= TimeSpan.Zero || !_sessions.TryGetValue(sessionId, out var recent)) return null;
        var now = time.GetUtcNow();
        if (recent.Until <= now || recent.Session.ExpiresAt <= now)
        {
            _sessions.TryRemove(sessionId, out _);
            return null;
        }
        return browserKey is null || string.Equals(recent.BrowserKey, browserKey, StringComparison.Ordinal) ? recent.Session : null;
    }

    public void Remember(string sessionId, SmartSession session, string? browserKey)
    {
        if (_ttl <= TimeSpan.Zero) return;
        var now = time.GetUtcNow();
        var until = now + _ttl;
        if (session.ExpiresAt < until) until = session.ExpiresAt;
        if (until <= now) return;
        if (_sessions.Count >= MaxEntries) _sessions.Clear(); // bounded; a cleared entry only costs one store read
        _sessions[sessionId] = new RecentSession(session, browserKey, until);
    }

    /// <summary>Drops the local copy; returns it (even if expired) so its patient's pages can be dropped too.</summary>
    public RecentSession? Forget(string sessionId) => _sessions.TryRemove(sessionId, out var recent) ? recent : null;

    /// <summary>Drops every local copy read for <paramref name="browserKey"/>; returns them.</summary>
    public List<(string SessionId, SmartSession Session)> ForgetBrowser(string browserKey)
    {
        var forgotten = new List<(string, SmartSession)>();
        foreach (var (sessionId, recent) in _sessions)
        {
            if (string.Equals(recent.BrowserKey, browserKey, StringComparison.Ordinal) && _sessions.TryRemove(sessionId, out _))
                forgotten.Add((sessionId, recent.Session));
        }
        return forgotten;
    }
}

internal static class CachingTokenSessionStoreRegistration
{
    /// <summary>
    /// Wraps whichever <see cref="ITokenSessionStore"/> is registered so far in <see cref="CachingTokenSessionStore"/>.
    /// Call after every other registration (a database-backed store included).
    /// </summary>
    public static IServiceCollection AddSessionReadThrough(this IServiceCollection services)
    {
        var descriptor = services.LastOrDefault(d => d.ServiceType == typeof(ITokenSessionStore) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("No ITokenSessionStore is registered (call AddSmartOnFhir first).");
        services.Remove(descriptor);
        services.AddSingleton<RecentSessions>();
        // Same lifetime as the wrapped store (a database-backed one may be scoped); the recent sessions are shared.
        services.Add(ServiceDescriptor.Describe(typeof(ITokenSessionStore), sp => new CachingTokenSessionStore(
            CreateInner(sp, descriptor), sp.GetRequiredService<RecentSessions>(), sp.GetRequiredService<PatientPageCache>()),
            descriptor.Lifetime));
        return services;
    }

    private static ITokenSessionStore CreateInner(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance as ITokenSessionStore
        ?? descriptor.ImplementationFactory?.Invoke(services) as ITokenSessionStore
        ?? (ITokenSessionStore)ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
}
