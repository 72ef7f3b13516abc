using System.Text.Json;
using System.Text.Json.Nodes;
using MbcFhirEdu.Fhir.Http;

namespace MbcFhirEdu.Fhir.Tests.Http;

/// <summary>The web path applies CODES.md rule 12 for the launched patient, as the file reader does.</summary>
public sealed class PatientRecordReaderIdentityTests
{
    private static JsonElement Json(JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();

    [Fact]
    public void ToPatientData_ResourceOfAnotherPatient_IsDroppedAndNamed()
    {
        var record = new FetchedRecord
        {
            Patient = Json(TestJson.Patient("p1")),
            Conditions = [Json(TestJson.Condition("mine", "Patient/p1")), Json(TestJson.Condition("theirs", "https://ehr.example.org/fhir/Patient/p2", code: "94225005"))],
            Observations = [Json(TestJson.Observation("o1", "Patient/p1"))],
        };

        var data = PatientRecordReader.ToPatientData(record, "p1");

        Assert.Equal("Patient/p1", data.Patient.Reference);
        Assert.Equal(["Condition/mine"], data.Conditions.Select(c => c.Reference));
        Assert.Contains("Condition/theirs: subject Patient/p2 is another patient, not in the input; left out", data.ReadWarnings);
    }

    [Fact]
    public void ToPatientData_PatientResourceMissing_StillDropsAnotherPatientsResource()
    {
        var record = new FetchedRecord
        {
            Conditions = [Json(TestJson.Condition("theirs", "Patient/p2", code: "94225005"))],
            Observations = [Json(TestJson.Observation("o1", "Patient/p1"))],
        };

        var data = PatientRecordReader.ToPatientData(record, "p1");

        Assert.Equal("Patient/p1", data.Patient.Reference);
        Assert.Empty(data.Conditions);
        Assert.Equal(["Observation/o1"], data.Observations.Select(o => o.Reference));
        Assert.Contains("Condition/theirs: subject Patient/p2 is another patient, not in the input; left out", data.ReadWarnings);
    }

    [Fact]
    public void ToPatientData_LinkedRecordSaysDeceased_TheLaunchedPatientIsDeceased()
    {
        var patient = TestJson.Patient("p1");
        patient["link"] = new JsonArray(new JsonObject { ["other"] = new JsonObject { ["reference"] = "Patient/p0" }, ["type"] = "replaces" });
        var old = TestJson.Patient("p0");
        old["deceasedBoolean"] = true;
        var record = new FetchedRecord
        {
            Patient = Json(patient),
            Conditions = [Json(TestJson.Condition("c0", "Patient/p0")), Json(TestJson.Condition("c1", "Patient/p0"))],
            Observations = [Json(old)], // a server may return the other record in any part
        };

        var data = PatientRecordReader.ToPatientData(record, "p1");

        Assert.Equal("Patient/p1", data.Patient.Reference); // reported as launched, though most resources name p0
        Assert.True(data.Patient.Deceased);
        Assert.Equal(["Condition/c0", "Condition/c1"], data.Conditions.Select(c => c.Reference));
    }
}
