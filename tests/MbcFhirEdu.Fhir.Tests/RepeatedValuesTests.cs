using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MbcFhirEdu.Fhir.Input;
using MbcFhirEdu.Fhir.Resources;

namespace MbcFhirEdu.Fhir.Tests;

/// <summary>
/// The file reader steps over a value it has read before, byte for byte, at the same place (RepeatedValues). These
/// tests show that it does step, that what it reads is what a plain read gives, at every nesting of Bundles and across
/// NDJSON lines, and that invalid JSON is still found and placed exactly, also right after a stepped-over value.
/// </summary>
public sealed class RepeatedValuesTests
{
    [Fact]
    public void SpeedScenario_StepsOverMostRepeatedValues_AndReadsAsPlainReads()
    {
        var bytes = SpeedScenarioTests.ScenarioBundle();

        var steps = Steps(bytes, ndjson: false);

        // 2,200 resources, each with repeated members: an Observation's status, code, subject, value and category repeat
        // as one run, and so do a Condition's; each run is one step, so there is at least one step per resource.
        Assert.True(steps > 2_200, $"only {steps} steps");
        Assert.Equal(2201, RepeatedConceptTests.CompareWithSeparateReads(bytes, "scenario.json"));
    }

    [Fact]
    public void SameValuesInNestedBundles_ReadAsPlainReads()
    {
        // The same Observations at the top level, one Bundle down and two Bundles down: the depths differ, so each level
        // keeps its own remembered values, and every copy must read as when read alone.
        JsonObject Level(string prefix, JsonObject? inner)
        {
            var entries = new List<(string?, JsonObject)>();
            for (var i = 0; i < 4; i++) entries.Add((null, TestJson.Observation($"{prefix}{i}", "Patient/p1")));
            if (inner is not null) entries.Add((null, inner));
            return TestJson.Bundle(entries.ToArray());
        }
        var outer = Level("a", Level("b", Level("c", null)));
        ((JsonArray)outer["entry"]!).Add(new JsonObject { ["resource"] = TestJson.Patient("p1") });
        var bytes = Encoding.UTF8.GetBytes(outer.ToJsonString());

        Assert.True(Steps(bytes, ndjson: false) > 0);
        Assert.Equal(13, RepeatedConceptTests.CompareWithSeparateReads(bytes, "nested.json"));
        var data = TestJson.Single(FhirInput.Read(new MemoryStream(bytes), "nested.json"));
        Assert.Equal(12, data.Observations.Count);
        Assert.All(data.Observations, o => Assert.Equal(["http://loinc.org|85337-4"], o.Codes.Select(c => c.ToString())));
    }

    [Fact]
    public void NdjsonLines_ResourceAloneAndInABundle_ReadTheSame()
    {
        var observation = TestJson.Observation("o1", "Patient/p1").ToJsonString();
        var lines = string.Join('\n',
            TestJson.Patient("p1").ToJsonString(),
            observation,
            observation.Replace("\"o1\"", "\"o2\"", StringComparison.Ordinal),
            TestJson.Bundle((null, TestJson.Observation("o3", "Patient/p1")), (null, TestJson.Observation("o4", "Patient/p1"))).ToJsonString(),
            observation.Replace("\"o1\"", "\"o5\"", StringComparison.Ordinal));
        var bytes = Encoding.UTF8.GetBytes(lines);

        Assert.True(Steps(bytes, ndjson: true) > 0);
        var data = TestJson.Single(FhirInput.Read(new MemoryStream(bytes), "lines.ndjson"));
        Assert.Equal(["Observation/o1", "Observation/o2", "Observation/o3", "Observation/o4", "Observation/o5"], data.Observations.Select(o => o.Reference));
        Assert.All(data.Observations, o =>
        {
            Assert.Equal(["http://loinc.org|85337-4"], o.Codes.Select(c => c.ToString()));
            Assert.Equal(["http://loinc.org|LA6576-8"], o.Value!.Codes.Select(c => c.ToString()));
        });
    }

    [Fact]
    public void ARunWithAWarningInside_IsNotRemembered_SoEveryCopyWarns()
    {
        // A gene written as valueQuantity with a code and no value: read as a coded value, with a warning. The members
        // around it repeat byte for byte, but a run through the warned member must not be stepped over.
        JsonObject Gene(string id)
        {
            var observation = TestJson.Observation(id, "Patient/p1");
            observation.Remove("valueCodeableConcept");
            observation["valueQuantity"] = new JsonObject { ["system"] = "http://www.genenames.org/geneId", ["code"] = "HGNC:8975" };
            observation["category"] = new JsonArray(TestJson.Concept("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory"));
            return observation;
        }
        var bundle = TestJson.Bundle((null, TestJson.Patient("p1")), (null, Gene("o1")), (null, Gene("o2")), (null, Gene("o3")));

        var data = TestJson.Single(TestJson.Read(bundle));

        foreach (var id in new[] { "o1", "o2", "o3" })
        {
            Assert.Contains(data.ReadWarnings, w => w == $"Observation/{id}: valueQuantity has a code but no value; read as a valueCodeableConcept");
            var observation = Assert.Single(data.Observations, o => o.Reference == "Observation/" + id);
            Assert.Equal(["http://www.genenames.org/geneId|HGNC:8975"], observation.Value!.Codes.Select(c => c.ToString()));
        }
    }

    [Fact]
    public void ConditionRuns_ReadLikePlainReads_AndAPlainStringStatusWarnsEveryTime()
    {
        // Conditions whose status, category, code and subject repeat form runs; the STU3 shape (a plain string status)
        // warns, so the members around it are read again for each copy.
        JsonObject Problem(string id, bool stu3)
        {
            var condition = TestJson.Condition(id, "Patient/p1", "94222008");
            condition["category"] = new JsonArray(TestJson.Concept("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item"));
            if (stu3) condition["clinicalStatus"] = "active";
            return condition;
        }
        var bundle = TestJson.Bundle((null, TestJson.Patient("p1")), (null, Problem("c1", false)), (null, Problem("c2", false)),
            (null, Problem("c3", true)), (null, Problem("c4", true)), (null, Problem("c5", false)));
        var bytes = Encoding.UTF8.GetBytes(bundle.ToJsonString());

        Assert.True(Steps(bytes, ndjson: false) > 0);
        Assert.Equal(6, RepeatedConceptTests.CompareWithSeparateReads(bytes, "problems.json"));
        var data = TestJson.Single(FhirInput.Read(new MemoryStream(bytes), "problems.json"));
        Assert.Equal(["active", "active", "active", "active", "active"], data.Conditions.Select(c => c.ClinicalStatus));
        Assert.Equal(2, data.ReadWarnings.Count(w => w.Contains("clinicalStatus is a plain string", StringComparison.Ordinal)));
        Assert.All(data.Conditions, c => Assert.Equal("94222008", Assert.Single(c.Codes).Value));
    }

    [Theory]
    [InlineData(",,")] // a second comma right after a stepped-over code
    [InlineData("}")] // the resource closed early
    [InlineData(" \"x\"")] // a value where a member name belongs
    public void InvalidJsonRightAfterASteppedValue_IsFoundWhereAPlainReaderFindsIt(string damage)
    {
        // Three Observations, one per line, with the same code; the third is broken just after its code.
        var code = "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"85337-4\"}]}";
        var text = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[\n");
        for (var i = 0; i < 3; i++)
        {
            var after = i == 2 ? damage : ",";
            text.Append($"{{\"resource\":{{\"resourceType\":\"Observation\",\"id\":\"o{i}\",\"status\":\"final\",{code}{after}\"subject\":{{\"reference\":\"Patient/p1\"}}}}}}");
            text.Append(i < 2 ? ",\n" : "\n");
        }
        text.Append("]}");
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var expected = PlainError(bytes);

        var result = FhirInput.Read(new MemoryStream(bytes), "broken.json");

        Assert.False(result.Succeeded);
        Assert.Equal(FhirReadErrorKind.InvalidJson, result.Error!.Kind);
        Assert.Equal((expected.LineNumber + 1, expected.BytePositionInLine + 1), (result.Error.Line, result.Error.Column));
        Assert.Equal(4, result.Error.Line); // the third Observation's line, not the line of the code first read
    }

    [Fact]
    public void ADifferentSubjectAtTheSameSite_IsReadInFull()
    {
        // Two subjects share their bytes up to the last digit: the second must not be taken for the remembered first.
        var bundle = TestJson.Bundle(
            (null, TestJson.Patient("p1")),
            (null, TestJson.Observation("o1", "Patient/p1")),
            (null, TestJson.Observation("o2", "Patient/p1")),
            (null, TestJson.Patient("p2")),
            (null, TestJson.Observation("o3", "Patient/p1")));
        var text = bundle.ToJsonString();
        // o3's subject: same bytes as the others up to the closing brace, then a display.
        var o3 = text.IndexOf("\"o3\"", StringComparison.Ordinal);
        var subject = text.IndexOf("{\"reference\":\"Patient/p1\"}", o3, StringComparison.Ordinal);
        text = text[..subject] + "{\"reference\":\"Patient/p2\"}" + text[(subject + "{\"reference\":\"Patient/p1\"}".Length)..];

        var result = FhirInput.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "two.json");

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(["Observation/o1", "Observation/o2"], result.Patients[0].Observations.Select(o => o.Reference));
        Assert.Equal(["Observation/o3"], result.Patients[1].Observations.Select(o => o.Reference));
    }

    private static int Steps(byte[] bytes, bool ndjson)
    {
        var loader = new InputLoader("test", FhirReadLimits.Default, new ResourceSet());
        Assert.Null(loader.Load(new MemoryStream(bytes), ndjson));
        return loader.Steps;
    }

    private static JsonException PlainError(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes);
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException exception)
        {
            return exception;
        }
        throw new InvalidOperationException("the test input is valid JSON");
    }
}
