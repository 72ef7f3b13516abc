using System.Collections.Frozen;

namespace MbcFhirEdu.Core.Clinical.Codes;

/// <summary>
/// One row of a code table: system, code, what it means to the extractor (a site key, a stage, an answer)
/// and a short note (the display or where the code was confirmed). Plain data, so a test can compare the
/// tables with the ValueSets in <c>fhir-profiles/</c>.
/// </summary>
public sealed record CodeTableEntry(string System, string Code, string Meaning, string Note = "");

/// <summary>An exact system+code lookup over <see cref="CodeTableEntry"/> rows.</summary>
public sealed class CodeTable
{
    // System first, then code: frozen string dictionaries hash only a few characters, where a (system, code) tuple
    // key hashed both whole strings on every lookup — and the extractor makes tens of thousands per record.
    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> lookup;

    public CodeTable(IEnumerable<CodeTableEntry> entries)
    {
        Entries = [.. entries];
        // A duplicate row is a programming error in the table itself: fail at type initialisation.
        _ = Entries.ToDictionary(e => (e.System, e.Code), e => e.Meaning);
        lookup = Entries.GroupBy(e => e.System, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToFrozenDictionary(e => e.Code, e => e.Meaning, StringComparer.Ordinal), StringComparer.Ordinal);
    }

    public IReadOnlyList<CodeTableEntry> Entries { get; }

    public string? Find(Code code) =>
        code.System is { } system && code.Value is { } value && lookup.TryGetValue(system, out var codes) && codes.TryGetValue(value, out var meaning)
            ? meaning
            : null;

    public bool Contains(Code code) => Find(code) is not null;

    /// <summary>Meanings of every code found, in the codes' order, without repeats.</summary>
    /// <remarks>Called for every code list of every record: a loop without LINQ, and no allocation when nothing matches.</remarks>
    public IReadOnlyList<string> FindAll(IEnumerable<Code> codes)
    {
        if (codes is not IReadOnlyList<Code> list) return [.. codes.Select(Find).OfType<string>().Distinct(StringComparer.Ordinal)];
        List<string>? found = null;
        for (var i = 0; i < list.Count; i++)
        {
            if (Find(list[i]) is not { } meaning) continue;
            found ??= new List<string>(list.Count - i);
            if (!found.Contains(meaning, StringComparer.Ordinal)) found.Add(meaning);
        }
        return found ?? (IReadOnlyList<string>)[];
    }

    /// <summary>The meaning of the first code found, or null; the same as <c>FindAll(codes).FirstOrDefault()</c>.</summary>
    public string? FindFirst(IReadOnlyList<Code> codes)
    {
        for (var i = 0; i < codes.Count; i++)
        {
            if (Find(codes[i]) is { } meaning) return meaning;
        }
        return null;
    }

    public bool ContainsAny(IEnumerable<Code> codes)
    {
        if (codes is not IReadOnlyList<Code> list) return codes.Any(Contains);
        for (var i = 0; i < list.Count; i++)
        {
            if (Contains(list[i])) return true;
        }
        return false;
    }
}
