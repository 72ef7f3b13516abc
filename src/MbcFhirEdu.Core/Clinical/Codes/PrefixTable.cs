namespace MbcFhirEdu.Core.Clinical.Codes;

/// <summary>
/// A longest-prefix lookup for hierarchical classifications (ICD-10, ICD-O-3 topography) where a row such as
/// <c>C78.0</c> covers <c>C78.00</c>–<c>C78.02</c>. Dots are ignored, so <c>C7951</c> matches <c>C79.51</c>.
/// <see cref="CodeTableEntry.Code"/> holds the prefix.
/// </summary>
public sealed class PrefixTable
{
    private readonly IReadOnlySet<string> systems;

    public PrefixTable(IEnumerable<string> systems, IEnumerable<CodeTableEntry> entries)
    {
        this.systems = new HashSet<string>(systems, StringComparer.Ordinal);
        Entries = [.. entries.OrderByDescending(e => Strip(e.Code).Length).ThenBy(e => e.Code, StringComparer.Ordinal)];
        prefixes = [.. Entries.Select(e => Strip(e.Code))];
    }

    // The stripped prefixes, in Entries' order, so a lookup does not strip every row again.
    private readonly string[] prefixes;

    public IReadOnlyList<CodeTableEntry> Entries { get; }

    public IReadOnlyCollection<string> Systems => systems;

    public string? Find(Code code) => FindEntry(code)?.Meaning;

    public CodeTableEntry? FindEntry(Code code)
    {
        if (!systems.Contains(code.System) || code.Value.Length == 0) return null;
        // Stripped on the stack: a Condition's ICD code is looked up in several tables, and each lookup built three strings.
        Span<char> buffer = code.Value.Length <= StackLimit ? stackalloc char[StackLimit] : new char[code.Value.Length];
        var value = Strip(code.Value, buffer);
        for (var i = 0; i < prefixes.Length; i++)
        {
            if (value.StartsWith(prefixes[i], StringComparison.Ordinal)) return Entries[i];
        }
        return null;
    }

    public bool Contains(Code code) => FindEntry(code) is not null;

    /// <summary>True when any of <paramref name="codes"/> is in the table (a loop: no delegate, no enumerator).</summary>
    public bool ContainsAny(IReadOnlyList<Code> codes)
    {
        for (var i = 0; i < codes.Count; i++)
        {
            if (Contains(codes[i])) return true;
        }
        return false;
    }

    private const int StackLimit = 64;

    /// <summary>As <see cref="Strip(string)"/>, into <paramref name="buffer"/> (upper-casing first is the same: it never makes or removes a dot or a space).</summary>
    private static ReadOnlySpan<char> Strip(string code, Span<char> buffer)
    {
        var upper = buffer[..code.AsSpan().ToUpperInvariant(buffer)];
        var length = 0;
        foreach (var c in upper)
        {
            if (c != '.') upper[length++] = c;
        }
        return upper[..length].Trim();
    }

    private static string Strip(string code) => code.Replace(".", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
}
