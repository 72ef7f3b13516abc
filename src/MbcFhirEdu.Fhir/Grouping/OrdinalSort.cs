using System.Buffers;
using System.Runtime.InteropServices;

namespace MbcFhirEdu.Fhir.Grouping;

/// <summary>
/// Sorts records by a string key in ordinal order (<see cref="string.CompareOrdinal(string, string)"/>), the order
/// <see cref="PatientDataBuilder"/> promises. A patient's references share a long prefix ("Observation/"), so the
/// characters after the common prefix are packed into one number per key (eight of them when every one is below
/// U+00FF, as FHIR ids always are, else three) and the numbers are sorted as plain integers; only keys whose packed
/// characters agree are then compared as strings. The numbers are radix-sorted (a byte at a time, skipping bytes in
/// which all agree). The result is the same as sorting with CompareOrdinal; equal keys keep their input order.
/// </summary>
internal static class OrdinalSort
{
    public static void Sort<T>(List<T> items, Func<T, string> keyOf)
    {
        var count = items.Count;
        if (count < 2) return;
        var span = CollectionsMarshal.AsSpan(items);
        var packed = ArrayPool<ulong>.Shared.Rent(count);
        var order = ArrayPool<int>.Shared.Rent(count);
        var keys = ArrayPool<string>.Shared.Rent(count);
        try
        {
            var first = keys[0] = keyOf(span[0]);
            var common = first.Length;
            for (var i = 1; i < count; i++)
            {
                var key = keys[i] = keyOf(span[i]);
                common = first.AsSpan(0, common).CommonPrefixLength(key);
            }
            var narrow = true;
            for (var i = 0; i < count; i++)
            {
                packed[i] = PackNarrow(keys[i], common, ref narrow);
                order[i] = i;
            }
            if (!narrow)
            {
                for (var i = 0; i < count; i++) packed[i] = PackWide(keys[i], common);
            }
            if (count < RadixFrom) packed.AsSpan(0, count).Sort(order.AsSpan(0, count));
            else RadixSort(packed, order, count);
            SortTies(packed, order, keys, count);
            Permute(span, order);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(packed);
            ArrayPool<int>.Shared.Return(order);
            ArrayPool<string>.Shared.Return(keys, clearArray: true);
        }
    }

    // Puts items[order[i]] at i; nothing moves when the input was already in order.
    private static void Permute<T>(Span<T> items, int[] order)
    {
        var start = 0;
        while (start < items.Length && order[start] == start) start++;
        if (start == items.Length) return;
        var copy = ArrayPool<T>.Shared.Rent(items.Length);
        try
        {
            items.CopyTo(copy);
            for (var i = start; i < items.Length; i++) items[i] = copy[order[i]];
        }
        finally
        {
            ArrayPool<T>.Shared.Return(copy, clearArray: true);
        }
    }

    private const int RadixFrom = 64; // below this a comparison sort is as quick as the radix passes

    // Least-significant-byte-first radix sort of the packed numbers with their positions; stable. Byte positions in
    // which every number agrees (the tail of short ids, say) are skipped.
    private static void RadixSort(ulong[] packed, int[] order, int count)
    {
        ulong all = ulong.MaxValue, any = 0;
        for (var i = 0; i < count; i++)
        {
            all &= packed[i];
            any |= packed[i];
        }
        var varying = all ^ any;
        if (varying == 0) return;
        var packedTemp = ArrayPool<ulong>.Shared.Rent(count);
        var orderTemp = ArrayPool<int>.Shared.Rent(count);
        Span<int> starts = stackalloc int[256];
        try
        {
            ulong[] fromPacked = packed, toPacked = packedTemp;
            int[] fromOrder = order, toOrder = orderTemp;
            for (var shift = 0; shift < 64; shift += 8)
            {
                if (((varying >> shift) & 0xFF) == 0) continue;
                starts.Clear();
                for (var i = 0; i < count; i++) starts[(int)((fromPacked[i] >> shift) & 0xFF)]++;
                var total = 0;
                for (var b = 0; b < 256; b++) (starts[b], total) = (total, total + starts[b]);
                for (var i = 0; i < count; i++)
                {
                    var target = starts[(int)((fromPacked[i] >> shift) & 0xFF)]++;
                    toPacked[target] = fromPacked[i];
                    toOrder[target] = fromOrder[i];
                }
                (fromPacked, toPacked) = (toPacked, fromPacked);
                (fromOrder, toOrder) = (toOrder, fromOrder);
            }
            if (!ReferenceEquals(fromPacked, packed))
            {
                fromPacked.AsSpan(0, count).CopyTo(packed);
                fromOrder.AsSpan(0, count).CopyTo(order);
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(packedTemp);
            ArrayPool<int>.Shared.Return(orderTemp);
        }
    }

    // Runs of equal packed numbers agree in every packed character: order them by the whole key, then by input position.
    private static void SortTies(ulong[] packed, int[] order, string[] keys, int count)
    {
        Comparison<int>? byKey = null;
        var start = 0;
        for (var i = 1; i <= count; i++)
        {
            if (i < count && packed[i] == packed[start]) continue;
            if (i - start > 1)
            {
                byKey ??= (x, y) => string.CompareOrdinal(keys[x], keys[y]) is var c and not 0 ? c : x.CompareTo(y);
                order.AsSpan(start, i - start).Sort(byKey);
            }
            start = i;
        }
    }

    // Eight UTF-16 units from `start`, each stored plus one in 8 bits, so a key that ends sorts before any character
    // (as a shorter string does in ordinal order). Clears `narrow` when a unit does not fit.
    private static ulong PackNarrow(string key, int start, ref bool narrow)
    {
        ulong value = 0;
        var end = Math.Min(key.Length, start + 8);
        for (var i = start; i < end; i++)
        {
            var c = key[i];
            if (c >= 0xFF) narrow = false;
            value = (value << 8) | (byte)(c + 1);
        }
        return value << (8 * (start + 8 - end));
    }

    // Three UTF-16 units from `start`, each stored plus one in 17 bits (any unit fits).
    private static ulong PackWide(string key, int start)
    {
        ulong value = 0;
        for (var i = start; i < start + 3; i++) value = (value << 17) | (i < key.Length ? key[i] + 1UL : 0UL);
        return value;
    }
}
