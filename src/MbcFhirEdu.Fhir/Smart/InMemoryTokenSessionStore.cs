using System.Collections.Concurrent;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>Single-process <see cref="ITokenSessionStore"/>; expired sessions are swept as new ones are saved.</summary>
public sealed class InMemoryTokenSessionStore(TimeProvider timeProvider) : ITokenSessionStore
{
    private const int SweepEvery = 256;
    private readonly ConcurrentDictionary<string, SmartSession> _sessions = new(StringComparer.Ordinal);
    private int _saves;

    public Task SaveAsync(string sessionId, SmartSession session, CancellationToken cancellationToken)
    {
        _sessions[sessionId] = session;
        if (Interlocked.Increment(ref _saves) % SweepEvery == 0) Sweep();
        return Task.CompletedTask;
    }

    public Task<SmartSession?> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (!_sessions.TryGetValue(sessionId, out var session)) return Task.FromResult<SmartSession?>(null);
        if (session.ExpiresAt > timeProvider.GetUtcNow()) return Task.FromResult<SmartSession?>(session);
        _sessions.TryRemove(sessionId, out _);
        return Task.FromResult<SmartSession?>(null);
    }

    public Task RemoveAsync(string sessionId, CancellationToken cancellationToken)
    {
        _sessions.TryRemove(sessionId, out _);
        return Task.CompletedTask;
    }

    private void Sweep()
    {
        var now = timeProvider.GetUtcNow();
        foreach (var (id, session) in _sessions)
        {
            if (session.ExpiresAt <= now) _sessions.TryRemove(id, out _);
        }
    }
}
