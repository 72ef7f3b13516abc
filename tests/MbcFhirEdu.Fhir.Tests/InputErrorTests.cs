using System.Text;
using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Fhir.Tests;

public sealed class InputErrorTests
{
    [Fact]
    public void Read_InvalidJson_ReportsFileLineAndColumn()
    {
        var result = TestJson.ReadText("{\n  \"resourceType\": \"Patient\",\n  \"id\": tru\n}", "broken.json");
        Assert.False(result.Succeeded);
        Assert.Equal(FhirReadErrorKind.InvalidJson, result.Error.Kind);
        // The parser reports the byte where it gave up: just past the bad literal "tru" (which starts at column 9).
        Assert.Equal((3L, 12L), (result.Error.Line!.Value, result.Error.Column!.Value));
        Assert.StartsWith("broken.json:3:12: invalid JSON: ", result.Error.ToString());
        Assert.DoesNotContain("LineNumber", result.Error.Message);
    }

    [Fact]
    public void Read_InvalidJsonAfterBom_CountsColumnsFromTheFileStart()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("{\"resourceType\": x}")).ToArray();
        var result = FhirInput.Read(new MemoryStream(bytes), "bom.json");
        Assert.Equal((1L, 21L), (result.Error!.Line!.Value, result.Error.Column!.Value));
    }

    [Fact]
    public void Read_TrailingContent_IsInvalidJson()
    {
        var result = TestJson.ReadText("{\"resourceType\":\"Patient\",\"id\":\"p\"} x", "trailing.json");
        Assert.Equal(FhirReadErrorKind.InvalidJson, result.Error!.Kind);
        Assert.Equal(1, result.Error.Line);
    }

    [Fact]
    public void Read_JsonWithoutResourceType_IsNotFhir()
    {
        var result = TestJson.ReadText("{\"name\": \"not fhir\"}", "plain.json");
        Assert.Equal(FhirReadErrorKind.NotFhir, result.Error!.Kind);
        Assert.Equal("plain.json:1:1: not a FHIR resource: the JSON object has no resourceType", result.Error.ToString());
    }

    [Fact]
    public void Read_TopLevelArray_IsNotFhir()
    {
        var result = TestJson.ReadText("[{\"resourceType\":\"Patient\"}]", "array.json");
        Assert.Equal(FhirReadErrorKind.NotFhir, result.Error!.Kind);
        Assert.Contains("array", result.Error.Message);
    }

    [Fact]
    public void Read_FileOverTheSizeLimit_NamesTheLimit()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mbc-large-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, TestJson.Bundle((null, TestJson.Patient("p1"))).ToJsonString());
        try
        {
            var result = FhirInput.Read(path, new FhirReadLimits { MaxFileBytes = 20 });
            Assert.Equal(FhirReadErrorKind.LimitExceeded, result.Error!.Kind);
            Assert.Contains("MaxFileBytes", result.Error.Message);
            Assert.StartsWith(path + ": ", result.Error.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_StreamOverTheSizeLimit_NamesTheLimit()
    {
        var json = TestJson.Bundle((null, TestJson.Patient("p1"))).ToJsonString();
        var result = FhirInput.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "big.json", new FhirReadLimits { MaxFileBytes = 30 });
        Assert.Equal(FhirReadErrorKind.LimitExceeded, result.Error!.Kind);
        Assert.Contains("FhirReadLimits.MaxFileBytes", result.Error.Message);
    }

    [Fact]
    public void Read_TooDeep_NamesTheDepthLimit()
    {
        var nested = "{\"resourceType\":\"Patient\",\"id\":\"p\",\"extension\":" + new string('[', 10) + new string(']', 10) + "}";
        var result = FhirInput.Read(new MemoryStream(Encoding.UTF8.GetBytes(nested)), "deep.json", new FhirReadLimits { MaxDepth = 8 });
        Assert.Equal(FhirReadErrorKind.LimitExceeded, result.Error!.Kind);
        Assert.Contains("deeper than 8 levels (limit FhirReadLimits.MaxDepth)", result.Error.Message);
        Assert.Equal(1, result.Error.Line);
    }

    [Fact]
    public void Read_DepthWithinTheLimit_Succeeds()
    {
        var json = TestJson.Bundle((null, TestJson.Condition("c1", "Patient/p1")), (null, TestJson.Patient("p1"))).ToJsonString();
        Assert.True(FhirInput.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "ok.json", new FhirReadLimits { MaxDepth = 8 }).Succeeded);
    }

    [Fact]
    public void Read_MoreResourcesThanTheLimit_NamesTheLimit()
    {
        var bundle = TestJson.Bundle((null, TestJson.Patient("p1")), (null, TestJson.Condition("c1", "Patient/p1")), (null, TestJson.Condition("c2", "Patient/p1")));
        var result = FhirInput.Read(new MemoryStream(Encoding.UTF8.GetBytes(bundle.ToJsonString())), "many.json", new FhirReadLimits { MaxResources = 3 });
        Assert.Equal(FhirReadErrorKind.LimitExceeded, result.Error!.Kind);
        Assert.Contains("more than 3 resources (limit FhirReadLimits.MaxResources)", result.Error.Message);
    }

    [Fact]
    public void Read_NoPatientData_IsAnErrorNamingTheFile()
    {
        var result = TestJson.Read(TestJson.Bundle((null, new System.Text.Json.Nodes.JsonObject { ["resourceType"] = "Organization", ["id"] = "o1" })), "org.json");
        Assert.Equal(FhirReadErrorKind.NoPatientData, result.Error!.Kind);
        Assert.Equal("no patient data in org.json", result.Error.ToString());
    }

    [Fact]
    public void Read_OnlyAnOperationOutcome_IsNoPatientDataWithTheServersDiagnostics()
    {
        var result = TestJson.ReadText("""
            {"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"forbidden","diagnostics":"Access denied"}]}
            """, "outcome.json");
        Assert.Equal(FhirReadErrorKind.NoPatientData, result.Error!.Kind);
        Assert.Equal(["OperationOutcome: error (forbidden): Access denied"], result.Warnings);
    }

    [Fact]
    public void Read_ConditionWithoutAnySubject_IsNoPatientData()
    {
        var condition = TestJson.Condition("c1", "Patient/p1");
        condition.Remove("subject");
        Assert.Equal(FhirReadErrorKind.NoPatientData, TestJson.Read(condition, "c.json").Error!.Kind);
    }

    [Fact]
    public void Read_MissingFile_IsAnIoErrorNotAnException()
    {
        var result = FhirInput.Read(Path.Combine(Path.GetTempPath(), "does-not-exist-" + Guid.NewGuid().ToString("N") + ".json"));
        Assert.Equal(FhirReadErrorKind.Io, result.Error!.Kind);
        Assert.Contains("file not found", result.Error.Message);
    }

    [Fact]
    public void Read_EmptyInput_IsInvalidJson()
    {
        Assert.Equal(FhirReadErrorKind.InvalidJson, TestJson.ReadText("   ", "empty.json").Error!.Kind);
    }
}
