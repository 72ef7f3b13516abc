using System.Net;
using System.Text.Json;
using System.Web;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.Tests.Support;

namespace MbcFhirEdu.Fhir.Tests.Http;

/// <summary>The first page reads each part of the record through Firely as it arrives, with the same result as reading it at the end.</summary>
public sealed class RecordReadAheadTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static HttpResponseMessage Chart(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        var query = HttpUtility.ParseQueryString(request.RequestUri.Query);
        if (path.EndsWith("/Patient/p1", StringComparison.Ordinal)) return Responses.Fhir(new { resourceType = "Patient", id = "p1", gender = "female" });
        if (path.EndsWith("/Condition", StringComparison.Ordinal))
            return Responses.Fhir(Responses.Bundle([new { resourceType = "Condition", id = "c1", subject = new { reference = "Patient/p1" }, code = new { coding = new[] { new { system = "http://snomed.info/sct", code = "254837009" } } } }]));
        if (query["category"] == "laboratory") return Responses.Fhir(Responses.Bundle([Responses.Observation("er"), Responses.Observation("her2")]));
        if (query["code"] is not null) return Responses.Fhir(Responses.Bundle([Responses.Observation("her2"), Responses.Observation("stage")]));
        if (path.EndsWith("/DiagnosticReport", StringComparison.Ordinal)) return Responses.Fhir(Responses.Bundle([new { resourceType = "DiagnosticReport", id = "scan", status = "final", code = new { text = "bone scan" } }]));
        return Responses.Status(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task LoadReadingAhead_APartIsReadWhileAnotherIsStillOnTheWire()
    {
        using var host = new FhirTestHost();
        var readAhead = new RecordReadAhead();
        var patientRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Server.Respond = async (request, ct) =>
        {
            // The reports are answered only once the Patient part has been read: reading at the end would never get here.
            if (request.RequestUri!.AbsolutePath.EndsWith("/DiagnosticReport", StringComparison.Ordinal))
            {
                while (!readAhead.HasRead(PatientRecordPart.Patient)) await Task.Delay(5, ct);
                patientRead.TrySetResult();
            }
            return Chart(request);
        };

        var record = await host.Loader.LoadReadingAheadAsync(host.Connection, "p1", readAhead, CancellationToken.None);

        Assert.True(patientRead.Task.IsCompleted);
        Assert.True(record.IsComplete, string.Join("; ", record.Problems.Select(p => p.Problem.Message)));
        Assert.All(Enum.GetValues<PatientRecordPart>(), part => Assert.True(readAhead.HasRead(part), part.ToString()));
    }

    [Fact]
    public async Task ToPatientData_WithTheReadAhead_EqualsReadingTheRecordAtTheEnd()
    {
        using var host = new FhirTestHost();
        host.Server.Respond = (request, _) => Chart(request).AsTask();
        var readAhead = new RecordReadAhead();
        var record = await host.Loader.LoadReadingAheadAsync(host.Connection, "p1", readAhead, CancellationToken.None);

        var ahead = PatientRecordReader.ToPatientData(record, "p1", readAhead);
        var atTheEnd = PatientRecordReader.ToPatientData(record, "p1");

        Assert.NotNull(readAhead.InRecordOrder(record));
        Assert.Equal(JsonSerializer.Serialize(atTheEnd), JsonSerializer.Serialize(ahead));
        Assert.Equal(["Condition/c1"], ahead.Conditions.Select(c => c.Reference));
    }

    [Fact]
    public void ToPatientData_UsesWhatWasReadAhead_NotASecondRead()
    {
        // The read-ahead saw a Condition c-ahead where the record holds c-record (same count): only the read-ahead's is used.
        var record = new FetchedRecord { Conditions = [Json("""{"resourceType":"Condition","id":"c-record","subject":{"reference":"Patient/p1"}}""")] };
        var readAhead = new RecordReadAhead();
        readAhead.Arrived(PatientRecordPart.Conditions, [Json("""{"resourceType":"Condition","id":"c-ahead","subject":{"reference":"Patient/p1"}}""")]);

        var data = PatientRecordReader.ToPatientData(record, "p1", readAhead);

        Assert.Equal(["Condition/c-ahead"], data.Conditions.Select(c => c.Reference));
    }

    [Fact]
    public void ToPatientData_ReadAheadThatDoesNotLineUp_ReadsTheRecordItself()
    {
        var record = new FetchedRecord
        {
            Conditions = [Json("""{"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p1"}}"""), Json("""{"resourceType":"Condition","id":"c2","subject":{"reference":"Patient/p1"}}""")],
        };
        var readAhead = new RecordReadAhead();
        readAhead.Arrived(PatientRecordPart.Conditions, [Json("""{"resourceType":"Condition","id":"c-ahead","subject":{"reference":"Patient/p1"}}""")]);

        var data = PatientRecordReader.ToPatientData(record, "p1", readAhead);

        Assert.Null(readAhead.InRecordOrder(record));
        Assert.Equal(["Condition/c1", "Condition/c2"], data.Conditions.Select(c => c.Reference));
    }
}
