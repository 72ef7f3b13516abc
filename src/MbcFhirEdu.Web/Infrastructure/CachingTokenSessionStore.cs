using System.Collections.Concurrent;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Web.Features.Patient;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Infrastructure;

/// <summary>
/// A short read-through in front of the configured <see cref="ITokenSessionStore"/> (in memory or a database): a
/// session read from the store is reused for <c>Web:SessionCacheSeconds</c> (default 5 s), never past its own
/// <see cref="SmartSession.ExpiresAt"/>. Saves and removals go to the store first and then replace or drop the local
/// copy, and drop the session's cached pages (<see cref="PatientPageCache"/>): a refreshed, replaced or ended session
/// never serves what was loaded before. Another replica's change is seen here within that short time at most.
/// </summary>
internal sealed class CachingTokenSessionStore(ITokenSessionStore inner, RecentSessions recent, PatientPageCache pages) : ITokenSessionStore
{
    /// <summary>The wrapped store.</summary>
    public ITokenSessionStore Inner => inner;

    public async Task<SmartSession?> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (recent.Find(sessionId) is { } session) return session;
        session = await inner.GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session is not null) recent.Remember(sessionId, session);
        return session;
    }

    public async Task SaveAsync(string sessionId, SmartSession session, CancellationToken cancellationToken)
    {
        var previous = recent.Forget(sessionId)?.PatientId;
        await inner.SaveAsync(sessionId, session, cancellationToken).ConfigureAwait(false);
        pages.Invalidate(sessionId, previous, session.PatientId);
        recent.Remember(sessionId, session);
    }

    public async Task RemoveAsync(string sessionId, CancellationToken cancellationToken)
    {
        var patientId = recent.Forget(sessionId)?.PatientId
            ?? (await inner.GetAsync(sessionId, cancellationToken).ConfigureAwait(false))?.PatientId;
        await inner.RemoveAsync(sessionId, cancellationToken).ConfigureAwait(false);
        recent.Forget(sessionId);
        pages.Invalidate(sessionId, patientId);
    }
}

/// <summary>The sessions this replica read lately (one per application), bounded and expiring on the app's clock.</summary>
internal sealed class RecentSessions(IOptions<WebOptions> options, TimeProvider time)
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, (SmartSession Session, DateTimeOffset Until)> _sessions = new(StringComparer.Ordinal);
    private readonly TimeSpan _ttl = TimeSpan.FromSeconds(options.Value.SessionCacheSeconds);

    public SmartSession? Find(string sessionId)
    {
        if (_ttl <= TimeSpan.Zero || !_sessions.TryGetValue(sessionId, out var recent)) return null;
        var now = time.GetUtcNow();
        if (recent.Until > now && recent.Session.ExpiresAt > now) return recent.Session;
        _sessions.TryRemove(sessionId, out _);
        return null;
    }

    public void Remember(string sessionId, SmartSession session)
    {
        if (_ttl <= TimeSpan.Zero) return;
        var now = time.GetUtcNow();
        var until = now + _ttl;
        if (session.ExpiresAt < until) until = session.ExpiresAt;
        if (until <= now) return;
        if (_sessions.Count >= MaxEntries) _sessions.Clear(); // bounded; a cleared entry only costs one store read
        _sessions[sessionId] = (session, until);
    }

    /// <summary>Drops the local copy; returns it (even if expired) so its patient's pages can be dropped too.</summary>
    public SmartSession? Forget(string sessionId) => _sessions.TryRemove(sessionId, out var recent) ? recent.Session : null;
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
