using System.Text;
using System.Text.Json;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Fhir.Tests;

/// <summary>
/// A byte that is not UTF-8 inside a JSON string passes System.Text.Json's syntax checks and used to throw from inside
/// Firely's deserializer: a stack trace from the CLI, a 500 from the web app. Each way in now says where, or skips and warns.
/// </summary>
public sealed class InvalidUtf8Tests
{
    private static byte[] Bytes(string before, byte[] bad, string after) => [.. Encoding.UTF8.GetBytes(before), .. bad, .. Encoding.UTF8.GetBytes(after)];

    [Fact]
    public void Document_WithAnInvalidByteInAString_IsInvalidJsonAtItsLineAndColumn()
    {
        var bytes = Bytes("{\"resourceType\":\"Patient\",\n \"id\":\"p1\",\"name\":[{\"family\":\"A", [0xFF], "\"}]}");

        var result = FhirInput.Read(new MemoryStream(bytes), "patient.json");

        Assert.False(result.Succeeded);
        Assert.Equal(FhirReadErrorKind.InvalidJson, result.Error!.Kind);
        Assert.Equal("patient.json:2:32: invalid JSON: a byte that is not UTF-8 inside the text", result.Error.ToString());
    }

    [Fact]
    public void NdjsonLine_WithAnInvalidByte_NamesItsLine()
    {
        var bytes = Bytes("{\"resourceType\":\"Patient\",\"id\":\"p1\"}\n{\"resourceType\":\"Condition\",\"id\":\"c1\",\"code\":{\"text\":\"x", [0xC3, 0x28], "\"}}\n");

        var result = FhirInput.Read(new MemoryStream(bytes), "export.ndjson");

        Assert.Equal(FhirReadErrorKind.InvalidJson, result.Error!.Kind);
        Assert.Equal(2L, result.Error.Line);
        Assert.Equal(56L, result.Error.Column);
    }

    [Fact]
    public void BundleEntry_WithAnInvalidByte_IsSkippedWithAWarning_TheOthersAreRead()
    {
        var bytes = Bytes(
            "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p1\"}},"
            + "{\"resource\":{\"resourceType\":\"Condition\",\"id\":\"c1\",\"subject\":{\"reference\":\"Patient/p1\"},\"code\":{\"text\":\"x", [0xED, 0xA0, 0x80],
            "\"}}},{\"resource\":{\"resourceType\":\"Condition\",\"id\":\"c2\",\"subject\":{\"reference\":\"Patient/p1\"},\"code\":{\"text\":\"y\"}}}]}");

        var result = FhirInput.Read(new MemoryStream(bytes), "bundle.json");

        Assert.True(result.Succeeded, result.Error?.ToString());
        var patient = Assert.Single(result.Patients);
        Assert.Equal("Condition/c2", Assert.Single(patient.Conditions).Reference);
        Assert.Contains(result.Warnings, w => w.Contains("Bundle.entry[1] holds a byte that is not UTF-8", StringComparison.Ordinal) && w.Contains("skipped", StringComparison.Ordinal));
    }

    [Fact]
    public void ResourceFromAFhirServer_WithAnInvalidByte_IsLeftOutWithAWarning()
    {
        using var good = JsonDocument.Parse("{\"resourceType\":\"Condition\",\"id\":\"c2\",\"subject\":{\"reference\":\"Patient/p1\"},\"code\":{\"text\":\"y\"}}");
        // JsonDocument parses a string's bytes without checking their UTF-8, as a server's searchset page is parsed.
        using var bad = JsonDocument.Parse(Bytes("{\"resourceType\":\"Condition\",\"id\":\"c1\",\"subject\":{\"reference\":\"Patient/p1\"},\"code\":{\"text\":\"x", [0xFF], "\"}}"));
        var record = new FetchedRecord { Conditions = [bad.RootElement, good.RootElement] };

        var data = PatientRecordReader.ToPatientData(record, "p1");

        Assert.Equal("Condition/c2", Assert.Single(data.Conditions).Reference);
        Assert.Contains(data.ReadWarnings, w => w.Contains("not UTF-8", StringComparison.Ordinal));
    }
}
