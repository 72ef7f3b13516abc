using System.Text.Json;
using System.Text.Json.Nodes;
using MbcFhirEdu.Fhir.Input;
using MbcFhirEdu.Fhir.Reading;

namespace MbcFhirEdu.Fhir.Tests;

/// <summary>
/// File input remembers each CodeableConcept by its JSON bytes and hands the same concept back when those bytes
/// come again. These tests hold that shortcut to the plain read: every resource of every external fixture and of the
/// speed scenario reads the same, with the same warnings, as when it is read alone; and a concept that raised a
/// warning raises it again wherever it is repeated.
/// </summary>
public sealed class RepeatedConceptTests
{
    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(TestPaths.External(""), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(TestPaths.External(""), file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void ExternalFixture_EveryResourceReadsAsWhenReadAlone(string relative)
    {
        var compared = CompareWithSeparateReads(File.ReadAllBytes(TestPaths.External(relative)), relative);
        Assert.True(compared > 0, $"{relative}: no resource compared");
    }

    [Fact]
    public void SpeedScenario_EveryResourceReadsAsWhenReadAlone()
    {
        var compared = CompareWithSeparateReads(SpeedScenarioTests.ScenarioBundle(), "scenario.json");
        Assert.Equal(2201, compared);
    }

    [Fact]
    public void RepeatedConceptWithAWarning_WarnsForEveryResource()
    {
        // STU3 shape: coding as a single object, not an array. Same bytes in both Observations.
        var bundle = TestJson.Bundle(
            (null, TestJson.Patient("p1")),
            (null, WithSingleCoding(TestJson.Observation("o1", "Patient/p1"))),
            (null, WithSingleCoding(TestJson.Observation("o2", "Patient/p1"))));

        var data = TestJson.Single(TestJson.Read(bundle));

        foreach (var id in new[] { "o1", "o2" })
        {
            Assert.Contains(data.ReadWarnings, w => w.StartsWith($"Observation/{id}: code.coding is a single object", StringComparison.Ordinal));
            var observation = Assert.Single(data.Observations, o => o.Reference == "Observation/" + id);
            Assert.Equal(["http://loinc.org|85337-4"], observation.Codes.Select(c => c.ToString()));
        }
    }

    [Fact]
    public void SameConceptBytes_DifferentElements_ReadTheSame()
    {
        var observation = TestJson.Observation("o1", "Patient/p1");
        observation["category"] = new JsonArray(TestJson.Concept("http://loinc.org", "85337-4"));
        var bundle = TestJson.Bundle((null, TestJson.Patient("p1")), (null, observation));

        var record = Assert.Single(TestJson.Single(TestJson.Read(bundle)).Observations);

        Assert.Equal(record.Codes, record.Categories);
        Assert.Equal(["http://loinc.org|85337-4"], record.Categories.Select(c => c.ToString()));
    }

    private static JsonObject WithSingleCoding(JsonObject observation)
    {
        observation["code"] = new JsonObject { ["coding"] = TestJson.Coding("http://loinc.org", "85337-4") };
        return observation;
    }

    // Reads the bytes as a file (with the shortcut) and each resource on its own (without it, no source buffer), then
    // compares the FHIR JSON written back and the warnings of every resource that appears once. Returns how many.
    internal static int CompareWithSeparateReads(byte[] bytes, string name)
    {
        var read = FhirInput.ReadResources(new MemoryStream(bytes), name);
        Assert.True(read.Succeeded, read.Error?.ToString());
        var alone = new Dictionary<string, List<(string Json, string[] Warnings)>>(StringComparer.Ordinal);
        using (var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 }))
            Collect(document.RootElement, alone);

        var compared = 0;
        foreach (var entry in read.Resources.GetEntries())
        {
            if (!alone.TryGetValue(entry.Reference, out var copies) || copies.Count != 1) continue;
            var (json, warnings) = copies[0];
            Assert.Equal(json, Json(entry.Resource));
            Assert.Equal(warnings.Order(StringComparer.Ordinal), entry.Warnings.Order(StringComparer.Ordinal));
            compared++;
        }
        return compared;
    }

    private static void Collect(JsonElement resource, Dictionary<string, List<(string, string[])>> alone)
    {
        if (resource.ValueKind != JsonValueKind.Object || !resource.TryGetProperty("resourceType", out var type)) return;
        if (type.ValueEquals("Bundle"))
        {
            if (!resource.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array) return;
            foreach (var entry in entries.EnumerateArray())
            {
                if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("resource", out var inner)) Collect(inner, alone);
            }
            return;
        }
        var warnings = new List<string>();
        if (FhirJsonReader.ReadResource(resource, warnings) is not { TypeAndId: { } key } read) return;
        if (!alone.TryGetValue(key, out var copies)) alone[key] = copies = [];
        copies.Add((Json(read), [.. warnings]));
    }

    // The old model's own shape (reflection, through its polymorphic base): only equality matters here.
    private static string Json(Model.Resource resource) => JsonSerializer.Serialize(resource);
}
