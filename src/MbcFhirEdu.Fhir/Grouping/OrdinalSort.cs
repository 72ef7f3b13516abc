using System.Buffers;

namespace MbcFhirEdu.Fhir.Grouping;

/// <summary>
/// Sorts records by a string key in ordinal order (<see cref="string.CompareOrdinal(string, string)"/>), the order
/// <see cref="PatientDataBuilder"/> promises. A patient's references share a long prefix ("Observation/"), so each
/// key's next three characters after the common prefix are packed into a number that is compared first; only keys
/// that agree there are compared as strings. The result is the same as sorting with CompareOrdinal.
/// </summary>
internal static class OrdinalSort
{
    public static void Sort<T>(List<T> items, Func<T, string> keyOf)
    {
        var count = items.Count;
        if (count < 2) return;
        var first = keyOf(items[0]);
        var previous = first;
        var ordered = true;
        var common = first.Length;
        for (var i = 1; i < count; i++)
        {
            var key = keyOf(items[i]);
            ordered &= string.CompareOrdinal(previous, key) <= 0;
            common = Math.Min(common, first.AsSpan().CommonPrefixLength(key));
            previous = key;
        }
        if (ordered) return;

        var rows = ArrayPool<Row<T>>.Shared.Rent(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var key = keyOf(items[i]);
                rows[i] = new Row<T>(Pack(key, common), key, items[i]);
            }
            Array.Sort(rows, 0, count, RowComparer<T>.Instance);
            for (var i = 0; i < count; i++) items[i] = rows[i].Item;
        }
        finally
        {
            ArrayPool<Row<T>>.Shared.Return(rows, clearArray: true);
        }
    }

    // Three UTF-16 units from `start`, each stored plus one in 17 bits, so a key that ends sorts before any character
    // (as a shorter string does in ordinal order).
    private static ulong Pack(string key, int start)
    {
        ulong packed = 0;
        for (var i = start; i < start + 3; i++) packed = (packed << 17) | (i < key.Length ? key[i] + 1UL : 0UL);
        return packed;
    }

    private readonly record struct Row<T>(ulong Packed, string Key, T Item);

    private sealed class RowComparer<T> : IComparer<Row<T>>
    {
        public static readonly RowComparer<T> Instance = new();

        public int Compare(Row<T> x, Row<T> y) =>
            x.Packed != y.Packed ? x.Packed.CompareTo(y.Packed) : string.CompareOrdinal(x.Key, y.Key);
    }
}
