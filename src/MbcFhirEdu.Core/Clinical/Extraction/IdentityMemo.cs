namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// Remembers <c>compute(key)</c> per key instance, for one extraction. The FHIR reader shares one code list among
/// equal concepts, so most of a chart's records ask the same question of the same list; identity keys make the
/// repeat a pointer hash. Equal lists that are not shared are simply computed again: sharing only saves time, it
/// never changes an answer.
/// </summary>
internal sealed class IdentityMemo<TKey, TValue>(Func<TKey, TValue> compute) where TKey : class
{
    private readonly Dictionary<TKey, TValue> known = new(ReferenceEqualityComparer.Instance);

    public TValue this[TKey key]
    {
        get
        {
            if (known.TryGetValue(key, out var value)) return value;
            value = compute(key);
            known.Add(key, value);
            return value;
        }
    }
}
