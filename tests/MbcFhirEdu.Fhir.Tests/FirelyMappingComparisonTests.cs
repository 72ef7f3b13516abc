using System.Text;
using System.Text.Json.Nodes;

namespace MbcFhirEdu.Fhir.Tests;

/// <summary>
/// Issue 14, item 3: every fixture (tests/fixtures external and fhir, the sandbox's data) read by the old reader and by
/// Firely + FirelyRecordMapper gives the same records, resource by resource, field by field (see <see cref="FirelyComparison"/>).
/// </summary>
public sealed class FirelyMappingComparisonTests
{
    /// <summary>
    /// Deliberate differences on the fixtures: (fixture path relative to the repository, resource reference) and why.
    /// None today: every fixture maps identically. A listed difference that disappears fails the test, so the list stays true.
    /// </summary>
    private static readonly Dictionary<(string File, string Reference), string> KnownDifferences = [];

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "tests/fixtures", "src/MbcFhirEdu.Sandbox/Data" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, folder), "*", SearchOption.AllDirectories)
                         .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase))
                         .Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(TestPaths.RepoRoot, file).Replace('\\', '/'));
            }
        }
        return data;
    }

    public static TheoryData<string> BundleFixtures() => [.. Fixtures().Cast<object[]>().Select(row => (string)row[0]).Where(f => Entries(f) is not null)];

    private static JsonArray? Entries(string file) =>
        JsonNode.Parse(File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, file))) is JsonObject root ? root["entry"] as JsonArray : null;

    [Fact]
    public void Fixtures_CoverTheExternalFhirAndSandboxFolders()
    {
        var files = Fixtures().Cast<object[]>().Select(row => (string)row[0]).ToList();
        Assert.Contains(files, f => f.StartsWith("tests/fixtures/external/", StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith("tests/fixtures/fhir/", StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith("src/MbcFhirEdu.Sandbox/Data/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_FirelyMapping_MatchesTheOldReaderRecordByRecord(string file)
    {
        var known = KnownDifferences.Where(k => k.Key.File == file).ToDictionary(k => k.Key.Reference, k => k.Value);
        var (differences, unwarned) = FirelyComparison.Compare(File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, file)), file, known);
        Assert.True(differences.Count == 0, string.Join("\n", differences));
        Assert.True(unwarned.Count == 0, "tolerated without a warning:\n" + string.Join("\n", unwarned));
    }

    /// <summary>The fixtures' Bundles again as NDJSON (one entry's resource a line), so both NDJSON paths are compared too.</summary>
    [Theory]
    [MemberData(nameof(BundleFixtures))]
    public void Fixture_AsNdjson_FirelyMappingMatchesTheOldReader(string file)
    {
        var entries = Entries(file)!;
        var lines = entries.Select(e => e?["resource"]?.ToJsonString()).Where(line => line is not null);
        var ndjson = Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");
        var (differences, unwarned) = FirelyComparison.Compare(ndjson, file + ".ndjson", new Dictionary<string, string>());
        Assert.True(differences.Count == 0, string.Join("\n", differences));
        Assert.True(unwarned.Count == 0, "tolerated without a warning:\n" + string.Join("\n", unwarned));
    }
}
