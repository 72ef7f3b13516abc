using FsCheck;
using FsCheck.Fluent;
using MbcFhirEdu.Fhir.Grouping;

namespace MbcFhirEdu.Fhir.Tests;

/// <summary>The grouping's fast sort gives exactly the order of sorting with string.CompareOrdinal.</summary>
public sealed class OrdinalSortTests
{
    // Short keys over a small alphabet (incl. NUL, a non-ASCII and a surrogate unit), with shared prefixes, so ties in
    // the packed characters, keys that end inside them, and equal keys all occur often.
    private static readonly Gen<string> Key =
        from prefix in Gen.Elements("", "Observation/", "Observation/o", "Condition/c")
        from chars in Gen.ArrayOf(Gen.Elements('0', '1', '9', 'a', 'o', '\0', '/', 'é', '\uD83D', '\uFFFF'))
        select prefix + new string(chars);

    // Short lists take a comparison sort, lists of 64 keys or more the radix passes: both are generated.
    private static Gen<string[]> Lists(Gen<string> key) =>
        from count in Gen.Frequency((1, Gen.Choose(0, 63)), (1, Gen.Choose(64, 400)))
        from keys in Gen.ArrayOf(key, count)
        select keys;

    [Fact]
    public void Sort_AnyKeys_GivesTheCompareOrdinalOrder() => SortsLikeCompareOrdinal(Key);

    private static void SortsLikeCompareOrdinal(Gen<string> key) =>
        Prop.ForAll(Lists(key).ToArbitrary(), keys =>
        {
            var expected = keys.ToList();
            expected.Sort(string.CompareOrdinal);
            var actual = keys.ToList();
            OrdinalSort.Sort(actual, static k => k);
            return expected.SequenceEqual(actual, StringComparer.Ordinal);
        }).QuickCheckThrowOnFailure();

    // FHIR ids are ASCII: keys made only of units below U+00FF take the eight-characters-per-number path. Long runs
    // of equal characters past the first eight make the packed numbers tie, so the string comparison decides.
    private static readonly Gen<string> AsciiKey =
        from prefix in Gen.Elements("", "Observation/", "Observation/o", "Observation/abcdefghij")
        from chars in Gen.ArrayOf(Gen.Elements('0', '1', '9', 'a', 'o', '\0', '-', '.', '\u00FE'))
        select prefix + new string(chars);

    [Fact]
    public void Sort_NarrowKeys_GivesTheCompareOrdinalOrder() => SortsLikeCompareOrdinal(AsciiKey);

    [Fact]
    public void Sort_EqualKeys_KeepTheirInputOrder()
    {
        var records = new List<(string Reference, int Index)>
        {
            ("Observation/o2", 0), ("Observation/o1", 1), ("Observation/o2", 2), ("Observation/o1", 3), ("Observation/o2", 4),
        };
        OrdinalSort.Sort(records, static r => r.Reference);
        Assert.Equal([1, 3, 0, 2, 4], records.Select(r => r.Index));
    }

    [Fact]
    public void Sort_ManyNumberedIds_GivesTheCompareOrdinalOrder()
    {
        var keys = Enumerable.Range(0, 2500).Select(i => $"Observation/o{(i * 7919) % 2500}").ToList();
        var expected = keys.ToList();
        expected.Sort(string.CompareOrdinal);
        OrdinalSort.Sort(keys, static k => k);
        Assert.Equal(expected, keys);
    }

    [Fact]
    public void Sort_Records_OrdersThemByKey()
    {
        var records = new List<(string Reference, int Index)> { ("Observation/o10", 0), ("Observation/o2", 1), ("Observation/o1", 2), ("Condition/c1", 3) };
        OrdinalSort.Sort(records, static r => r.Reference);
        Assert.Equal([3, 2, 0, 1], records.Select(r => r.Index));
    }
}
