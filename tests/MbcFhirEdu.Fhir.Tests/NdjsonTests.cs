using System.Text;
using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Fhir.Tests;

public sealed class NdjsonTests
{
    private static string Line(System.Text.Json.Nodes.JsonObject resource) => resource.ToJsonString();

    private static string ThreeLines => string.Join("\n",
        Line(TestJson.Patient("p1", "es")), Line(TestJson.Condition("c1", "Patient/p1")), Line(TestJson.Observation("o1", "Patient/p1")));

    [Fact]
    public void Read_NdjsonExtension_ReadsOneResourcePerLine()
    {
        var data = TestJson.Single(TestJson.ReadText(ThreeLines + "\n", "export.ndjson"));
        Assert.Equal("Patient/p1", data.Patient.Reference);
        Assert.Equal([new Core.Clinical.LanguagePreference("es", true)], data.Patient.Languages);
        Assert.Single(data.Conditions);
        Assert.Single(data.Observations);
    }

    [Fact]
    public void Read_NdjsonWithoutExtension_IsDetectedFromTheFirstLine()
    {
        var data = TestJson.Single(TestJson.ReadText(ThreeLines, "export.json"));
        Assert.Single(data.Conditions);
    }

    [Fact]
    public void Read_NdjsonWithCrLfAndBlankLines_SkipsBlankLines()
    {
        var text = "\r\n" + ThreeLines.Replace("\n", "\r\n\r\n", StringComparison.Ordinal) + "\r\n";
        var data = TestJson.Single(TestJson.ReadText(text, "crlf.ndjson"));
        Assert.Single(data.Observations);
    }

    [Fact]
    public void Read_NdjsonWithABadLine_NamesTheFileLine()
    {
        var text = Line(TestJson.Patient("p1")) + "\n\n" + Line(TestJson.Condition("c1", "Patient/p1")) + "\n  {\"resourceType\": \"Observation\", \"id\": }\n";
        var result = TestJson.ReadText(text, "bad.ndjson");
        Assert.Equal(FhirReadErrorKind.InvalidJson, result.Error!.Kind);
        Assert.Equal(4, result.Error.Line);
        Assert.Equal(41, result.Error.Column); // the '}' after "id": , counting the two leading spaces
        Assert.StartsWith("bad.ndjson:4:41: invalid JSON", result.Error.ToString());
    }

    [Fact]
    public void Read_NdjsonLineWithoutResourceType_NamesTheLine()
    {
        var result = TestJson.ReadText(Line(TestJson.Patient("p1")) + "\n{\"foo\":1}\n", "x.ndjson");
        Assert.Equal(FhirReadErrorKind.NotFhir, result.Error!.Kind);
        Assert.Equal(2, result.Error.Line);
    }

    [Fact]
    public void Read_NdjsonLineOverTheLimit_NamesTheLineAndLimit()
    {
        var longLine = Line(TestJson.Condition("c1", "Patient/p1"));
        var text = Line(TestJson.Patient("p1")) + "\n" + longLine + "\n";
        var limits = new FhirReadLimits { MaxNdjsonLineBytes = longLine.Length - 1 };
        var result = FhirInput.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "long.ndjson", limits);
        Assert.Equal(FhirReadErrorKind.LimitExceeded, result.Error!.Kind);
        Assert.Equal(2, result.Error.Line);
        Assert.Contains("MaxNdjsonLineBytes", result.Error.Message);
    }

    [Fact]
    public void Read_NdjsonLongerThanMaxFileBytes_IsStillRead_ButAJsonDocumentIsNot()
    {
        var text = Line(TestJson.Patient("p1")) + "\n" + Line(TestJson.Condition("c1", "Patient/p1")) + "\n";
        var limits = new FhirReadLimits { MaxFileBytes = 40 };
        Assert.Single(TestJson.Single(FhirInput.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "export.ndjson", limits)).Conditions);
        var bundle = TestJson.Bundle((null, TestJson.Patient("p1")), (null, TestJson.Condition("c1", "Patient/p1"))).ToJsonString();
        var result = FhirInput.Read(new MemoryStream(Encoding.UTF8.GetBytes(bundle)), "bundle.json", limits);
        Assert.Equal(FhirReadErrorKind.LimitExceeded, result.Error!.Kind);
    }

    [Fact]
    public void Read_LargeNdjsonStream_StreamsPastTheReadBlockSize()
    {
        var builder = new StringBuilder(Line(TestJson.Patient("p1"))).Append('\n');
        for (var i = 0; i < 2000; i++) builder.Append(Line(TestJson.Observation($"o{i}", "Patient/p1"))).Append('\n');
        var data = TestJson.Single(TestJson.ReadText(builder.ToString(), "big.ndjson"));
        Assert.Equal(2000, data.Observations.Count);
    }

    [Fact]
    public void Read_MinifiedBundleOnOneLine_IsNotMistakenForNdjson()
    {
        var bundle = TestJson.Bundle((null, TestJson.Patient("p1")), (null, TestJson.Condition("c1", "Patient/p1")));
        var data = TestJson.Single(TestJson.ReadText(bundle.ToJsonString() + "\n", "one-line.json"));
        Assert.Single(data.Conditions);
    }

    [Fact]
    public void Read_NdjsonOfBundles_ReadsEveryEntry()
    {
        var text = TestJson.Bundle((null, TestJson.Patient("p1"))).ToJsonString() + "\n" +
                   TestJson.Bundle((null, TestJson.Condition("c1", "Patient/p1"))).ToJsonString();
        Assert.Single(TestJson.Single(TestJson.ReadText(text, "bundles.ndjson")).Conditions);
    }
}
