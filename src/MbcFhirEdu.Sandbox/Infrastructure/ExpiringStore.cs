using System.Collections.Concurrent;

namespace MbcFhirEdu.Sandbox.Infrastructure;

/// <summary>A bounded in-memory map whose entries expire; expired entries are purged as new ones arrive.</summary>
internal sealed class ExpiringStore<TValue>(TimeProvider time, int capacity = 100_000)
{
    private readonly ConcurrentDictionary<string, (TValue Value, DateTimeOffset ExpiresAt)> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    /// <summary>False when the key exists or the store is full of live entries.</summary>
    public bool TryAdd(string key, TValue value, DateTimeOffset expiresAt)
    {
        if (_entries.Count >= capacity) Purge();
        return _entries.Count < capacity && _entries.TryAdd(key, (value, expiresAt));
    }

    public bool TryGet(string key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAt > time.GetUtcNow())
        {
            value = entry.Value;
            return true;
        }
        value = default!;
        return false;
    }

    public bool TryRemove(string key, out TValue value)
    {
        if (_entries.TryRemove(key, out var entry) && entry.ExpiresAt > time.GetUtcNow())
        {
            value = entry.Value;
            return true;
        }
        value = default!;
        return false;
    }

    public void Remove(string key) => _entries.TryRemove(key, out _);

    private void Purge()
    {
        var now = time.GetUtcNow();
        foreach (var (key, entry) in _entries)
            if (entry.ExpiresAt <= now) _entries.TryRemove(key, out _);
    }
}
