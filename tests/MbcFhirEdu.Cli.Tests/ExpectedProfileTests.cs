using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Cli.Tests;

/// <summary>
/// Issue 14, item 3: every fixture (tests/fixtures, the sandbox's data), read through <see cref="FhirInput"/>, gives the
/// profiles recorded in tests/fixtures/expected-profiles, field by field (the <c>mbcedu profile</c> JSON). A Bundle is also
/// read as NDJSON (one entry's resource a line), so both input paths stay covered. The files were written by the
/// hand-written reader before Firely replaced it; they are regenerated only on purpose, with
/// <c>MBCEDU_UPDATE_EXPECTED_PROFILES=1</c>, and the diff is then reviewed like code.
/// </summary>
public sealed class ExpectedProfileTests
{
    private const string UpdateVariable = "MBCEDU_UPDATE_EXPECTED_PROFILES";
    private const string ExpectedFolder = "tests/fixtures/expected-profiles";

    /// <summary>Deliberate differences from the recorded profiles: (fixture, JSON path) and why. A listed one that disappears fails.</summary>
    private static readonly Dictionary<(string File, string Path), string> KnownDifferences = [];

    /// <summary>
    /// Reading warnings the hand-written reader worded itself and Firely words its own way (the old phrase, how the new
    /// warning is recognised, and why). Every other warning must stay as recorded, and every resource an old reading
    /// warning named must still be named by a new one: a tolerated problem stays visible.
    /// </summary>
    private static readonly (string Old, string New, string Why)[] Reworded =
    [
        ("is a plain string (STU3/DSTU2 shape)", "(JSON131)", "a string status (STU3/DSTU2): Firely reports a primitive where R4 has an object; the status is still read"),
        ("is a single object, not an array (STU3/DSTU2 shape)", "(PVAL127)", "Firely reports the single object; it is still read as a list of one"),
        ("value[x] has 2 values (", "(JSON129)", "Firely reports the second value[x] property; the coded one is still used"),
        ("value[x] has 2 values (", "has a second, coded value; the coded one is used", "the mapping's own note on the same case"),
        ("(DSTU2 shape); read as recordedDate", "(STU3/DSTU2 shape); read as recordedDate", "one wording for both versions"),
        ("component.valueQuantity has a code but no value", "].valueQuantity has a code but no value", "the component is named by its index"),
    ];

    // Firely's own issue codes: it names problems the hand-written reader passed over silently (e.g. a DSTU2 name).
    private static bool IsFirelyIssue(string warning) =>
        System.Text.RegularExpressions.Regex.IsMatch(warning, @"\((JSON|PVAL)\d{3}\)$");

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "tests/fixtures", "src/MbcFhirEdu.Sandbox/Data" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Cli.RepoRoot, folder), "*", SearchOption.AllDirectories)
                         .Select(f => Path.GetRelativePath(Cli.RepoRoot, f).Replace('\\', '/'))
                         .Where(f => !f.StartsWith(ExpectedFolder + "/", StringComparison.Ordinal))
                         .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase))
                         .Order(StringComparer.Ordinal))
            {
                data.Add(file);
            }
        }
        return data;
    }

    [Fact]
    public void Fixtures_CoverTheExternalFhirAndSandboxFoldersAndEachHasItsExpectation()
    {
        var files = Fixtures().Cast<object[]>().Select(row => (string)row[0]).ToList();
        Assert.Contains(files, f => f.StartsWith("tests/fixtures/external/", StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith("tests/fixtures/fhir/", StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith("src/MbcFhirEdu.Sandbox/Data/", StringComparison.Ordinal));
        var expected = Directory.EnumerateFiles(Path.Combine(Cli.RepoRoot, ExpectedFolder), "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(Cli.RepoRoot, ExpectedFolder), f).Replace('\\', '/')).Order(StringComparer.Ordinal);
        Assert.Equal(files.Order(StringComparer.Ordinal), expected);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_ReadThroughFhirInput_GivesTheRecordedProfiles(string file)
    {
        var actual = Snapshot(file);
        var expectedPath = Path.Combine(Cli.RepoRoot, ExpectedFolder, file);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(expectedPath)!);
            File.WriteAllText(expectedPath, actual.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            return;
        }
        var differences = new List<string>();
        Compare(JsonNode.Parse(File.ReadAllText(expectedPath)), actual, "$", differences);
        var known = KnownDifferences.Where(k => k.Key.File == file).ToList();
        var unexplained = differences.Where(d => !known.Any(k => d.StartsWith(k.Key.Path + ":", StringComparison.Ordinal))).ToList();
        var gone = known.Where(k => !differences.Any(d => d.StartsWith(k.Key.Path + ":", StringComparison.Ordinal)))
            .Select(k => $"{k.Key.Path}: listed as a known difference ({k.Value}) but now equal; remove it from the list");
        Assert.True(unexplained.Count == 0 && !gone.Any(), string.Join("\n", unexplained.Concat(gone)));
    }

    // The warnings, apart from the reworded reading warnings (see Reworded), in order; the resources those named stay named.
    private static void CompareWarnings(List<string> expected, List<string> actual, string path, List<string> differences)
    {
        var oldWording = expected.Where(w => Reworded.Any(r => w.Contains(r.Old, StringComparison.Ordinal))).ToList();
        var newWording = actual.Where(w => IsFirelyIssue(w) || Reworded.Any(r => w.Contains(r.New, StringComparison.Ordinal))).ToList();
        Compare(new JsonArray([.. expected.Except(oldWording).Select(w => (JsonNode)w)]), new JsonArray([.. actual.Except(newWording).Select(w => (JsonNode)w)]),
            path + "(kept)", differences);
        static string Resource(string warning) => warning[..Math.Max(0, warning.IndexOf(": ", StringComparison.Ordinal))];
        foreach (var unnamed in oldWording.Select(Resource).Distinct().Where(r => !newWording.Select(Resource).Contains(r)))
            differences.Add($"{path}: {unnamed} was warned about by the old reader, and is not now");
    }

    // The profiles of the file as it is and, for a Bundle, of its entries' resources as NDJSON.
    private static JsonObject Snapshot(string file)
    {
        var path = Path.Combine(Cli.RepoRoot, file);
        var snapshot = new JsonObject { ["file"] = Profiles(FhirInput.Read(path)) };
        if (JsonNode.Parse(File.ReadAllBytes(path)) is JsonObject { } root && root["entry"] is JsonArray entries)
        {
            var lines = entries.Select(e => e?["resource"]?.ToJsonString()).Where(line => line is not null);
            using var ndjson = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
            snapshot["asNdjson"] = Profiles(FhirInput.Read(ndjson, file + ".ndjson"));
        }
        return snapshot;
    }

    private static JsonObject Profiles(FhirReadResult result) => result.Error is { } error
        ? new JsonObject { ["error"] = error.Kind.ToString() }
        : new JsonObject { ["patients"] = new JsonArray([.. result.Patients.Select(p => JsonNode.Parse(ProfileJson.Write(ProfileExtractor.Extract(p))))]) };

    // Field by field: one line per differing leaf, named by its JSON path.
    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected, actual)
        {
            case (JsonArray e, JsonArray a) when path.EndsWith(".warnings", StringComparison.Ordinal):
                CompareWarnings([.. e.Select(w => w!.GetValue<string>())], [.. a.Select(w => w!.GetValue<string>())], path, differences);
                break;
            case (JsonObject e, JsonObject a):
                foreach (var name in e.Select(p => p.Key).Union(a.Select(p => p.Key)))
                    Compare(e[name], a[name], $"{path}.{name}", differences);
                break;
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count) differences.Add($"{path}: {e.Count} items expected, {a.Count} read");
                for (var i = 0; i < Math.Min(e.Count, a.Count); i++) Compare(e[i], a[i], $"{path}[{i}]", differences);
                break;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                    differences.Add($"{path}: expected {expected?.ToJsonString() ?? "null"}, read {actual?.ToJsonString() ?? "null"}");
                break;
        }
    }
}
