using System.Numerics;
using System.Text;

namespace MbcFhirEdu.Fhir.Reading;

/// <summary>
/// Shares the strings that repeat across one input — code systems, codes, displays, units, statuses, subject
/// references — so a 2,000-Observation Bundle does not allocate "http://loinc.org" 2,000 times. A direct-mapped
/// cache: a collision simply replaces the slot. One pool per input; never shared between threads.
/// </summary>
internal sealed class StringPool(int slots = 2048)
{
    private const int MaxBytes = 96; // longer strings rarely repeat
    private readonly Slot[] _slots = new Slot[BitOperations.RoundUpToPowerOf2((uint)Math.Max(slots, 16))];

    private struct Slot
    {
        public byte[]? Utf8;
        public string? Value;
    }

    /// <summary>The string for these (unescaped, valid) UTF-8 bytes.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxBytes) return Encoding.UTF8.GetString(utf8);
        var hash = new HashCode();
        hash.AddBytes(utf8);
        ref var slot = ref _slots[hash.ToHashCode() & (_slots.Length - 1)];
        if (slot.Value is not null && utf8.SequenceEqual(slot.Utf8)) return slot.Value;
        var value = Encoding.UTF8.GetString(utf8);
        slot.Utf8 = utf8.ToArray();
        slot.Value = value;
        return value;
    }
}
