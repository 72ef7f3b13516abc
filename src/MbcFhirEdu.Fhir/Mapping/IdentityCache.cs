using System.Runtime.CompilerServices;

namespace MbcFhirEdu.Fhir.Mapping;

/// <summary>
/// A small direct-mapped cache keyed by object identity: one slot per identity-hash bucket, a newer key simply takes
/// the slot. The reader shares equal strings and data-type instances (see Reading/StringPool.cs), so a mapping run meets
/// the same instance again and again; a hit costs one identity hash and one reference comparison. Only for answers that
/// depend on nothing but the (immutable) key, so a miss, an eviction or an unshared equal key merely repeat the work.
/// </summary>
internal sealed class IdentityCache<TKey, TValue>(int size = 128)
    where TKey : class
{
    private readonly Entry[] _entries = new Entry[size]; // size: a power of two
    private readonly int _mask = CheckedMask(size);

    public bool TryGet(TKey key, out TValue value)
    {
        ref var entry = ref _entries[RuntimeHelpers.GetHashCode(key) & _mask];
        if (ReferenceEquals(entry.Key, key))
        {
            value = entry.Value;
            return true;
        }
        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value) => _entries[RuntimeHelpers.GetHashCode(key) & _mask] = new Entry(key, value);

    private static int CheckedMask(int size) =>
        size > 0 && (size & (size - 1)) == 0 ? size - 1 : throw new ArgumentOutOfRangeException(nameof(size), size, "must be a power of two");

    private readonly record struct Entry(TKey? Key, TValue Value);
}
