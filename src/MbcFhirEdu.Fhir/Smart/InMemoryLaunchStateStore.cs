using System.Collections.Concurrent;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>
/// Single-process <see cref="ILaunchStateStore"/>. A taken state stays as a tombstone until it expires so that a
/// replay is told apart from a made-up state; expired entries are swept as new ones arrive.
/// </summary>
public sealed class InMemoryLaunchStateStore(TimeProvider timeProvider) : ILaunchStateStore
{
    // Anyone can start launches, so the number pending is bounded; past this the oldest-expiring go first.
    private const int MaxEntries = 100_000;
    private const int SweepThreshold = 1_024;
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _nextSweepTicks;

    public Task SaveAsync(LaunchState state, CancellationToken cancellationToken)
    {
        // Sweeping is O(n): do it at most every SweepInterval, unless the hard cap is reached.
        var now = timeProvider.GetUtcNow();
        if (_entries.Count >= MaxEntries || (_entries.Count >= SweepThreshold && now.UtcTicks >= Interlocked.Read(ref _nextSweepTicks)))
        {
            Interlocked.Exchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks);
            Sweep();
        }
        if (!_entries.TryAdd(state.State, new Entry(state))) throw new InvalidOperationException("A launch with this state already exists.");
        return Task.CompletedTask;
    }

    public Task<LaunchStateTake> TakeAsync(string state, CancellationToken cancellationToken)
    {
        if (!_entries.TryGetValue(state, out var entry)) return Task.FromResult(new LaunchStateTake(LaunchStateTakeStatus.NotFound, null));
        // The atomic flip makes exactly one caller the taker, however many callbacks race.
        if (Interlocked.Exchange(ref entry.Used, 1) == 1) return Task.FromResult(new LaunchStateTake(LaunchStateTakeStatus.AlreadyUsed, null));
        if (timeProvider.GetUtcNow() >= entry.State.ExpiresAt) return Task.FromResult(new LaunchStateTake(LaunchStateTakeStatus.Expired, null));
        return Task.FromResult(new LaunchStateTake(LaunchStateTakeStatus.Taken, entry.State));
    }

    private void Sweep()
    {
        var now = timeProvider.GetUtcNow();
        foreach (var (key, entry) in _entries)
        {
            if (entry.State.ExpiresAt <= now) _entries.TryRemove(key, out _);
        }
        var excess = _entries.Count - MaxEntries;
        if (excess <= 0) return;
        foreach (var (key, _) in _entries.OrderBy(e => e.Value.State.ExpiresAt).Take(excess + SweepThreshold)) _entries.TryRemove(key, out _);
    }

    private sealed class Entry(LaunchState state)
    {
        public LaunchState State { get; } = state;
        public int Used;
    }
}
