using System.Text.Json;
using MbcFhirEdu.Core.Clinical;

namespace MbcFhirEdu.Core.Tests.Profiles;

/// <summary>The ConceptMap mbcedu-site-key and its CodeSystem say the same as Core's site tables.</summary>
public sealed class SiteConceptMapTests
{
    private const string SiteKeySystem = "http://mbcfhiredu.example.org/fhir/CodeSystem/mbcedu-site-key";

    [Fact]
    public void SiteKeyCodeSystem_HasExactlyTheProfileSiteKeys()
    {
        using var codeSystem = Load("CodeSystem-mbcedu-site-key.json");
        Assert.Equal(SiteKeySystem, codeSystem.RootElement.GetProperty("url").GetString());
        var codes = codeSystem.RootElement.GetProperty("concept").EnumerateArray().Select(c => c.GetProperty("code").GetString()!);

        Assert.Equal(ProfileValues.SiteKeys.Order(StringComparer.Ordinal), codes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SiteConceptMap_MapsExactlyTheCoreSiteRows()
    {
        // Current-site rows are `wider` (the key is coarser than the code); a history code names a site
        // that is not current, so it is only `relatedto`.
        var expected = Mirrors.SiteTables
            .SelectMany(t => t.Entries.Select(e => Row(e.System, e.Code, e.Meaning, "wider")))
            .Concat(Mirrors.History.Entries.Where(e => e.Meaning.Length > 0).Select(e => Row(e.System, e.Code, e.Meaning, "relatedto")))
            .ToHashSet(StringComparer.Ordinal);

        using var map = Load("ConceptMap-mbcedu-site-key.json");
        var actual = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in map.RootElement.GetProperty("group").EnumerateArray())
        {
            Assert.Equal(SiteKeySystem, group.GetProperty("target").GetString());
            var source = group.GetProperty("source").GetString()!;
            foreach (var element in group.GetProperty("element").EnumerateArray())
            {
                foreach (var target in element.GetProperty("target").EnumerateArray())
                {
                    actual.Add(Row(source, element.GetProperty("code").GetString()!, target.GetProperty("code").GetString()!, target.GetProperty("equivalence").GetString()!));
                }
            }
        }

        var missing = expected.Except(actual).Order(StringComparer.Ordinal).ToList();
        var extra = actual.Except(expected).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            "ConceptMap mbcedu-site-key differs from MetastasisCodes:\n" +
            string.Concat(missing.Select(r => $"  in Core, missing from the ConceptMap: {r}\n")) +
            string.Concat(extra.Select(r => $"  in the ConceptMap, not in Core: {r}\n")) +
            "Edit fhir-profiles/input/fsh/SiteConceptMap.fsh with the table, then run tests/tools/sushi-build.sh.");
    }

    private static string Row(string system, string code, string key, string equivalence) => $"{system}|{code} -> {key} ({equivalence})";

    private static JsonDocument Load(string file) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(GeneratedValueSet.ResourcesDirectory, file)));
}
