using System.Net;
using System.Text.Json;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.Tests.Support;

namespace MbcFhirEdu.Fhir.Tests.Http;

/// <summary>
/// What CDS Hooks needs from the FHIR layer: a caller-supplied token used as is (no session, no refresh), loading only
/// some parts, and prefetch values read as record parts.
/// </summary>
public sealed class CallTokenAndPrefetchTests
{
    [Fact]
    public async Task BearerConnection_SendsThatTokenAndNeverAsksTheTokenSource()
    {
        using var host = new FhirTestHost(tokens: new StaticTokenSource("session-token"));
        host.Server.Respond = (_, _) => Responses.Fhir(new { resourceType = "Bundle", type = "searchset" }).AsTask();

        var record = await host.Loader.LoadAsync(FhirConnection.WithBearer(new Uri(FhirTestHost.Base), "call-token"), "p1", null,
            [PatientRecordPart.Conditions, PatientRecordPart.LabObservations], CancellationToken.None);

        Assert.Empty(record.MissingParts);
        Assert.Equal(2, host.Server.Requests.Count);
        Assert.All(host.Server.Requests, r => Assert.Equal("Bearer call-token", r.Authorization));
        Assert.DoesNotContain(host.Server.Requests, r => r.Uri.AbsolutePath.EndsWith("/Patient/p1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BearerConnection_Unauthorized_IsFinalWithoutRefresh()
    {
        using var host = new FhirTestHost();
        host.Server.Respond = (_, _) => Responses.Status(HttpStatusCode.Unauthorized).AsTask();

        var record = await host.Loader.LoadAsync(FhirConnection.WithBearer(new Uri(FhirTestHost.Base), "call-token"), "p1", null,
            [PatientRecordPart.Patient], CancellationToken.None);

        Assert.Equal([PatientRecordPart.Patient], record.MissingParts);
        Assert.Equal(FhirProblemKind.Unauthorized, record.Problems.Single().Problem.Kind);
        Assert.Single(host.Server.Requests);
    }

    [Fact]
    public void BearerConnection_KeepsTheTokenOutOfToString()
    {
        Assert.DoesNotContain("call-token", FhirConnection.WithBearer(new Uri(FhirTestHost.Base), "call-token").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Prefetch_AbsentNullOutcomeAndBundle_AreTheFourStates()
    {
        var bundle = Json("""
            {"resourceType":"Bundle","type":"searchset","entry":[
              {"resource":{"resourceType":"Condition","id":"c1"}},
              {"resource":{"resourceType":"Patient","id":"p1"},"search":{"mode":"include"}},
              {"resource":{"resourceType":"OperationOutcome","issue":[{"severity":"warning","code":"incomplete"}]},"search":{"mode":"outcome"}}]}
            """);

        var absent = PrefetchReader.Read(null, PatientRecordPart.Conditions, "p1");
        var none = PrefetchReader.Read(Json("null"), PatientRecordPart.Conditions, "p1");
        var failed = PrefetchReader.Read(Json("""{"resourceType":"OperationOutcome","issue":[]}"""), PatientRecordPart.Conditions, "p1");
        var present = PrefetchReader.Read(bundle, PatientRecordPart.Conditions, "p1");

        Assert.Equal(PrefetchState.Absent, absent.State);
        Assert.Equal(PrefetchState.NoData, none.State);
        Assert.Empty(none.Result!.Resources);
        Assert.Equal(PrefetchState.Failed, failed.State);
        Assert.Equal(PrefetchState.Present, present.State);
        Assert.Equal("c1", Assert.Single(present.Result!.Resources).GetProperty("id").GetString());
        Assert.Equal(FhirProblemKind.ServerWarning, Assert.Single(present.Result.Problems).Kind);
    }

    [Theory]
    [InlineData("""{"resourceType":"Patient","id":"someone-else"}""")]
    [InlineData("""{"resourceType":"Condition","id":"p1"}""")]
    [InlineData("""[1,2]""")]
    public void PrefetchedPatient_ThatIsNotTheContextPatient_IsFailed(string json)
    {
        Assert.Equal(PrefetchState.Failed, PrefetchReader.Read(Json(json), PatientRecordPart.Patient, "p1").State);
    }

    [Fact]
    public void PrefetchedBundleWithANextPage_IsMarkedIncomplete()
    {
        var bundle = Json("""{"resourceType":"Bundle","type":"searchset","link":[{"relation":"next","url":"https://ehr.example.org/fhir/Observation?page=2"}],"entry":[]}""");

        var part = PrefetchReader.Read(bundle, PatientRecordPart.LabObservations, "p1");

        Assert.Equal(PrefetchState.Present, part.State);
        Assert.Equal(FhirProblemKind.PageLimitReached, Assert.Single(part.Result!.Problems).Kind);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
