using System.Runtime.CompilerServices;
using MbcFhirEdu.Core.Clinical.Codes;

namespace MbcFhirEdu.Core.Tests.Profiles;

/// <summary>A Core code table by name (e.g. <c>MetastasisCodes.IcdSites</c>), exact or prefix.</summary>
internal sealed record CoreTable(string Name, IReadOnlyList<CodeTableEntry> Entries, bool IsPrefix)
{
    public static CoreTable Of(CodeTable table, [CallerArgumentExpression(nameof(table))] string name = "") => new(name, table.Entries, false);

    public static CoreTable Of(PrefixTable table, [CallerArgumentExpression(nameof(table))] string name = "") => new(name, table.Entries, true);

    public string Member(CodeTableEntry row) => IsPrefix ? Terms.IsA(row.System, row.Code) : Terms.Concept(row.System, row.Code);
}

/// <summary>The rows of <paramref name="Table"/> with one meaning, or every row when <paramref name="Meaning"/> is null.</summary>
internal sealed record TableSlice(CoreTable Table, string? Meaning = null)
{
    public IEnumerable<CodeTableEntry> Rows => Table.Entries.Where(e => Meaning is null || e.Meaning == Meaning);

    public override string ToString() => Meaning is null ? Table.Name : $"{Table.Name}[{Meaning}]";
}

/// <summary>
/// A ValueSet that must hold exactly the rows of some table slices. Prefix rows follow Core's longest-prefix
/// rule, so a longer prefix of the same table with another meaning (C79.32 leptomeninges under C79.3
/// brain) must be excluded. <paramref name="MeaningFromDisplay"/>, when given, says how a concept's display
/// carries its Core meaning (a gene's symbol, an IHC score), so a code listed under the wrong meaning fails.
/// </summary>
internal sealed record Mirror(string ValueSetId, IReadOnlyList<TableSlice> Slices, Func<string, string>? MeaningFromDisplay = null)
{
    public IReadOnlySet<string> ExpectedIncluded() =>
        Slices.SelectMany(s => s.Rows.Select(s.Table.Member)).ToHashSet(StringComparer.Ordinal);

    public IReadOnlySet<string> ExpectedExcluded()
    {
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var slice in Slices.Where(s => s.Table.IsPrefix && s.Meaning is not null))
        {
            foreach (var row in slice.Rows)
            {
                excluded.UnionWith(slice.Table.Entries
                    .Where(other => other.Meaning != slice.Meaning && other.System == row.System && Extends(other.Code, row.Code))
                    .Select(slice.Table.Member));
            }
        }
        return excluded;
    }

    public override string ToString() => ValueSetId;

    private static bool Extends(string longer, string prefix)
    {
        string Strip(string code) => code.Replace(".", "", StringComparison.Ordinal).ToUpperInvariant();
        return Strip(longer).Length > Strip(prefix).Length && Strip(longer).StartsWith(Strip(prefix), StringComparison.Ordinal);
    }
}
