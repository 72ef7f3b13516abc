using System.Runtime.CompilerServices;

namespace MbcFhirEdu.Fhir.Mapping;

/// <summary>
/// A small direct-mapped cache keyed by object identity: one slot per identity-hash bucket, a newer key simply takes
/// the slot. The reader shares equal strings and data-type instances (see Reading/StringPool.cs), so a mapping run meets
/// the same instance again and again; a hit costs one identity hash and one reference comparison. Only for answers that
/// depend on nothing but the (immutable) key, so a miss, an eviction or an unshared equal key merely repeat the work.
/// </summary>
internal sealed class IdentityCache<TKey, TValue>
    where TKey : class
{
    private const int Size = 256; // a power of two
    private readonly Entry[] _entries = new Entry[Size];

    public bool TryGet(TKey key, out TValue value)
    {
        ref var entry = ref _entries[RuntimeHelpers.GetHashCode(key) & (Size - 1)];
        if (ReferenceEquals(entry.Key, key))
        {
            value = entry.Value;
            return true;
        }
        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value) => _entries[RuntimeHelpers.GetHashCode(key) & (Size - 1)] = new Entry(key, value);

    private readonly record struct Entry(TKey? Key, TValue Value);
}
