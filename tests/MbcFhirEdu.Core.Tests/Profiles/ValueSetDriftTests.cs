using System.Reflection;
using System.Text;
using MbcFhirEdu.Core.Clinical.Codes;

namespace MbcFhirEdu.Core.Tests.Profiles;

/// <summary>
/// The extractor's code tables and fhir-profiles' ValueSets are one list kept in two places (issue 6, item 4):
/// these tests fail whenever they disagree, in either direction, and say what to change.
/// </summary>
public sealed class ValueSetDriftTests
{
    public static TheoryData<string> MirrorIds() => [.. Mirrors.All.Select(m => m.ValueSetId)];

    [Theory]
    [MemberData(nameof(MirrorIds))]
    public void ValueSet_HoldsExactlyTheCoreTableRows(string valueSetId)
    {
        var mirror = Mirrors.All.Single(m => m.ValueSetId == valueSetId);
        var generated = GeneratedValueSet.Load(valueSetId);

        var report = new StringBuilder();
        Compare(report, "included", mirror.ExpectedIncluded(), generated.Included);
        Compare(report, "excluded (a longer prefix with another meaning)", mirror.ExpectedExcluded(), generated.Excluded);
        if (mirror.MeaningFromDisplay is { } meaningOf)
        {
            foreach (var slice in mirror.Slices)
            {
                foreach (var row in slice.Rows)
                {
                    var member = slice.Table.Member(row);
                    var display = generated.Displays.GetValueOrDefault(member);
                    if (display is null || meaningOf(display) != row.Meaning)
                        report.AppendLine($"  {member}: Core means '{row.Meaning}', the ValueSet display '{display}' says '{(display is null ? null : meaningOf(display))}'");
                }
            }
        }

        Assert.True(report.Length == 0,
            $"ValueSet {valueSetId} differs from Core ({string.Join(", ", mirror.Slices)}):\n{report}" +
            "Change fhir-profiles/input/fsh and src/MbcFhirEdu.Core/Clinical/Codes together, then run tests/tools/sushi-build.sh.");
    }

    [Fact]
    public void EveryGeneratedValueSet_MirrorsACoreTable()
    {
        var mirrored = Mirrors.All.Select(m => m.ValueSetId).ToHashSet(StringComparer.Ordinal);
        var strays = GeneratedValueSet.AllIds().Where(id => !mirrored.Contains(id) && !Mirrors.NotMirrors.Contains(id)).ToList();

        Assert.True(strays.Count == 0,
            $"ValueSets in fhir-profiles that no Core table backs (a meaning Core does not have?): {string.Join(", ", strays)}");
    }

    [Fact]
    public void EveryCoreCodeTable_IsMirroredByAValueSet()
    {
        var mirrored = Mirrors.Tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var tables = typeof(CodeTable).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(CodeTable).Namespace)
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(CodeTable) || f.FieldType == typeof(PrefixTable))
                .Select(f => $"{t.Name}.{f.Name}"))
            .ToList();

        Assert.NotEmpty(tables);
        var unmirrored = tables.Where(name => !mirrored.Contains(name)).ToList();
        Assert.True(unmirrored.Count == 0,
            $"Core code tables with no ValueSet in fhir-profiles (add one, and a line in Profiles/Mirrors.cs): {string.Join(", ", unmirrored)}");
    }

    private static void Compare(StringBuilder report, string part, IReadOnlySet<string> core, IReadOnlySet<string> valueSet)
    {
        foreach (var member in core.Except(valueSet).Order(StringComparer.Ordinal))
            report.AppendLine($"  {part}: in Core, missing from the ValueSet: {member}");
        foreach (var member in valueSet.Except(core).Order(StringComparer.Ordinal))
            report.AppendLine($"  {part}: in the ValueSet, not in Core: {member}");
    }
}
