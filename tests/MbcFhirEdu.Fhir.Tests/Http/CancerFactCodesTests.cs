using System.Reflection;
using MbcFhirEdu.Core.Clinical.Codes;
using MbcFhirEdu.Fhir.Http;

namespace MbcFhirEdu.Fhir.Tests.Http;

/// <summary>The category-free Observation search asks for exactly the codes Core reads stage, TNM, receptor and spread facts from.</summary>
public sealed class CancerFactCodesTests
{
    private static readonly Type[] FactTables = [typeof(StageCodes), typeof(MarkerCodes), typeof(GeneCodes), typeof(MetastasisCodes)];

    private static HashSet<string> Searched() => [.. CancerFactCodes.SearchValue.Split(',')];

    private static IEnumerable<(string Table, CodeTableEntry Entry)> Tables(IEnumerable<Type> types, Func<string, bool> named) =>
        types.SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.FieldType == typeof(CodeTable) && named(field.Name))
            .SelectMany(field => ((CodeTable)field.GetValue(null)!).Entries.Select(entry => ($"{type.Name}.{field.Name}", entry))));

    [Fact]
    public void EveryCoreObservationCode_ForStageTnmReceptorsGenesAndSpread_IsSearched()
    {
        // Every table of Observation codes (not of their values) in Core's fact tables: a table added later is held to this too.
        var observationCodes = Tables(FactTables, name => name.EndsWith("Observations", StringComparison.Ordinal) || name is "Tests" or "History").ToList();
        Assert.Contains(observationCodes, c => c.Entry.Code == "38531-0"); // BRCA2 germline test, once missing from a hand-kept list
        var searched = Searched();
        var missing = observationCodes.Where(c => !searched.Contains($"{c.Entry.System}|{c.Entry.Code}")).Select(c => $"{c.Table} {c.Entry.Code}").ToList();
        Assert.True(missing.Count == 0, "not searched: " + string.Join(", ", missing));
    }

    [Fact]
    public void EverySearchedCode_IsOneOfCores_NoneIsKeptByHand()
    {
        var coreTypes = typeof(CodeTable).Assembly.GetTypes().Where(t => t.Namespace == typeof(CodeTable).Namespace);
        var core = Tables(coreTypes, _ => true).Select(c => $"{c.Entry.System}|{c.Entry.Code}").ToHashSet(StringComparer.Ordinal);
        var extra = Searched().Where(token => !core.Contains(token)).ToList();
        Assert.True(extra.Count == 0, "searched but not in Core's tables: " + string.Join(", ", extra));
    }

    [Fact]
    public void SearchValue_NamesEachCodeOnce_AsSystemBarCode()
    {
        var tokens = CancerFactCodes.SearchValue.Split(',');
        Assert.Equal(tokens.Length, tokens.Distinct(StringComparer.Ordinal).Count());
        Assert.All(tokens, token => Assert.Matches("^https?://[^|,]+\\|[^|,]+$", token));
    }
}
