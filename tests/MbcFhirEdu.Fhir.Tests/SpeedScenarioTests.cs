using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MbcFhirEdu.Fhir.Input;
using Xunit.Abstractions;

namespace MbcFhirEdu.Fhir.Tests;

/// <summary>
/// The speed scenario of the issue (a Bundle of 2,000 Observations and 200 Conditions). It checks what was read and
/// prints (in Release builds) the speed against tokenising the same bytes; it asserts no timing, because these
/// machines share cores.
/// </summary>
public sealed class SpeedScenarioTests(ITestOutputHelper output)
{
    internal static byte[] ScenarioBundle()
    {
        var entries = new List<(string?, JsonObject)> { ("https://ehr.example.org/fhir/Patient/p1", TestJson.Patient("p1")) };
        for (var i = 0; i < 200; i++)
        {
            var condition = TestJson.Condition($"c{i}", "Patient/p1", "128462008");
            condition["bodySite"] = new JsonArray(TestJson.Concept("http://snomed.info/sct", "272673000"));
            condition["onsetDateTime"] = $"2023-0{1 + i % 9}-15";
            entries.Add(($"https://ehr.example.org/fhir/Condition/c{i}", condition));
        }
        for (var i = 0; i < 2000; i++)
        {
            var observation = TestJson.Observation($"o{i}", "Patient/p1");
            observation["category"] = new JsonArray(TestJson.Concept("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory"));
            observation["effectiveDateTime"] = $"2024-0{1 + i % 9}-02T10:00:00Z";
            if (i % 3 == 0)
            {
                observation.Remove("valueCodeableConcept");
                observation["valueQuantity"] = new JsonObject { ["value"] = 12.5, ["comparator"] = "<", ["unit"] = "%", ["system"] = "http://unitsofmeasure.org", ["code"] = "%" };
            }
            entries.Add(($"https://ehr.example.org/fhir/Observation/o{i}", observation));
        }
        return Encoding.UTF8.GetBytes(TestJson.Bundle("searchset", [.. entries]).ToJsonString());
    }

    [Fact]
    public void Read_TwoThousandObservationBundle_ReadsEverythingAndReportsSpeed()
    {
        var bytes = ScenarioBundle();
        var data = TestJson.Single(FhirInput.Read(new MemoryStream(bytes), "scenario.json"));
        Assert.Equal(200, data.Conditions.Count);
        Assert.Equal(2000, data.Observations.Count);
        Assert.Empty(data.ReadWarnings);

#if DEBUG
        output.WriteLine("Timing is printed only in Release builds: dotnet test -c Release --filter SpeedScenarioTests");
#else
        var tokenize = Best(() =>
        {
            var reader = new Utf8JsonReader(bytes);
            while (reader.Read())
            {
            }
        });
        var extract = Best(() => FhirInput.Read(new MemoryStream(bytes), "scenario.json"));
        output.WriteLine($"{bytes.Length:N0} bytes: tokenize {tokenize:F2} ms, read to PatientData {extract:F2} ms, {tokenize / extract:F2}x tokenizing speed");
#endif
    }

    // Enough warm-up for tiered JIT to reach optimised code; the best run filters out other load on shared cores.
    private static double Best(Action action)
    {
        for (var i = 0; i < 60; i++) action();
        var best = double.MaxValue;
        for (var i = 0; i < 20; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
        }
        return best;
    }
}
