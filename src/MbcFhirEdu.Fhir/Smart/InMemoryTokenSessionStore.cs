using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>Single-process <see cref="ITokenSessionStore"/>; expired sessions are swept as new ones are saved.</summary>
public sealed class InMemoryTokenSessionStore(TimeProvider timeProvider, IOptions<SmartClientOptions>? options = null) : ITokenSessionStore
{
    private const int SweepEvery = 256;
    private readonly ConcurrentDictionary<string, Entry> _sessions = new(StringComparer.Ordinal);
    private readonly SmartClientOptions _options = options?.Value ?? new SmartClientOptions();
    private readonly Lock _browsers = new();
    private int _saves;
    private long _order;

    private sealed record Entry(SmartSession Session, string? BrowserKey, DateTimeOffset IdleExpiresAt, long Order);

    public Task SaveAsync(string sessionId, SmartSession session, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        _sessions.AddOrUpdate(sessionId,
            _ => new Entry(session, null, SessionLifetimes.IdleExpiry(now, session.ExpiresAt, _options.SessionIdleLifetime), Interlocked.Increment(ref _order)),
            (_, old) => old with { Session = session });
        if (Interlocked.Increment(ref _saves) % SweepEvery == 0) Sweep();
        return Task.CompletedTask;
    }

    public Task<SmartSession?> GetAsync(string sessionId, CancellationToken cancellationToken) =>
        Task.FromResult(Live(sessionId)?.Session);

    public Task RemoveAsync(string sessionId, CancellationToken cancellationToken)
    {
        _sessions.TryRemove(sessionId, out _);
        return Task.CompletedTask;
    }

    public Task StartAsync(string sessionId, SmartSession session, BrowserLogin login, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        lock (_browsers)
        {
            if (login.PreviousBrowserKey is { } previous)
            {
                foreach (var (id, entry) in _sessions.Where(e => e.Value.BrowserKey == previous).ToList())
                    _sessions[id] = entry with { BrowserKey = login.BrowserKey };
            }
            _sessions[sessionId] = new Entry(session, login.BrowserKey, SessionLifetimes.IdleExpiry(now, session.ExpiresAt, _options.SessionIdleLifetime), Interlocked.Increment(ref _order));
            var owned = _sessions.Where(e => e.Value.BrowserKey == login.BrowserKey).OrderByDescending(e => e.Value.Order).ToList();
            foreach (var (id, _) in owned.Skip(_options.MaxSessionsPerBrowser)) _sessions.TryRemove(id, out _);
        }
        if (Interlocked.Increment(ref _saves) % SweepEvery == 0) Sweep();
        return Task.CompletedTask;
    }

    public Task<SmartSession?> GetForBrowserAsync(string sessionId, string browserKey, CancellationToken cancellationToken)
    {
        if (Live(sessionId) is not { } entry || !string.Equals(entry.BrowserKey, browserKey, StringComparison.Ordinal))
            return Task.FromResult<SmartSession?>(null);
        var now = timeProvider.GetUtcNow();
        if (SessionLifetimes.ShouldSlide(entry.IdleExpiresAt, now, _options.SessionIdleLifetime))
            _sessions.TryUpdate(sessionId, entry with { IdleExpiresAt = SessionLifetimes.IdleExpiry(now, entry.Session.ExpiresAt, _options.SessionIdleLifetime) }, entry);
        return Task.FromResult<SmartSession?>(entry.Session);
    }

    public Task<int> EndBrowserAsync(string browserKey, CancellationToken cancellationToken)
    {
        var ended = 0;
        lock (_browsers)
        {
            foreach (var (id, _) in _sessions.Where(e => e.Value.BrowserKey == browserKey).ToList())
                if (_sessions.TryRemove(id, out _)) ended++;
        }
        return Task.FromResult(ended);
    }

    private Entry? Live(string sessionId)
    {
        if (!_sessions.TryGetValue(sessionId, out var entry)) return null;
        if (SessionLifetimes.IsLive(timeProvider.GetUtcNow(), entry.Session.ExpiresAt, entry.IdleExpiresAt)) return entry;
        _sessions.TryRemove(sessionId, out _);
        return null;
    }

    private void Sweep()
    {
        var now = timeProvider.GetUtcNow();
        foreach (var (id, entry) in _sessions)
        {
            if (!SessionLifetimes.IsLive(now, entry.Session.ExpiresAt, entry.IdleExpiresAt)) _sessions.TryRemove(id, out _);
        }
    }
}
