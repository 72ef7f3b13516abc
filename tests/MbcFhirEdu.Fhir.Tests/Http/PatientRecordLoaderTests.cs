using System.Net;
using System.Web;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Fhir.Tests.Support;

namespace MbcFhirEdu.Fhir.Tests.Http;

public sealed class PatientRecordLoaderTests
{
    /// <summary>A small chart: the Patient, one Condition, Observations split between the two Observation searches, one report.</summary>
    private static HttpResponseMessage Chart(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        var query = HttpUtility.ParseQueryString(request.RequestUri.Query);
        if (path.EndsWith("/Patient/p1", StringComparison.Ordinal)) return Responses.Fhir(new { resourceType = "Patient", id = "p1" });
        if (path.EndsWith("/Condition", StringComparison.Ordinal)) return Responses.Fhir(Responses.Bundle([new { resourceType = "Condition", id = "c1" }]));
        if (query["category"] == "laboratory") return Responses.Fhir(Responses.Bundle([Responses.Observation("er"), Responses.Observation("her2")]));
        if (query["code"] is not null) return Responses.Fhir(Responses.Bundle([Responses.Observation("her2"), Responses.Observation("stage")]));
        if (path.EndsWith("/DiagnosticReport", StringComparison.Ordinal)) return Responses.Fhir(Responses.Bundle([new { resourceType = "DiagnosticReport", id = "scan" }]));
        return Responses.Status(HttpStatusCode.NotFound);
    }

    private static Task<FetchedRecord> LoadAsync(FhirTestHost host, TimeSpan? deadline = null) =>
        host.Loader.LoadAsync(host.Connection, "p1", deadline, CancellationToken.None);

    [Fact]
    public async Task Load_FiveRequests_StartTogetherAsOneWave()
    {
        using var host = new FhirTestHost();
        var arrived = 0;
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Server.Respond = async (request, ct) =>
        {
            if (Interlocked.Increment(ref arrived) == 5) allArrived.SetResult();
            // Each request is held until all five are in flight: a sequential loader would never get past the first.
            await allArrived.Task.WaitAsync(TimeSpan.FromSeconds(20), ct);
            return Chart(request);
        };
        var record = await LoadAsync(host, TimeSpan.FromSeconds(60));
        Assert.True(record.IsComplete, string.Join("; ", record.Problems.Select(p => p.Problem.Message)));
        Assert.Equal(5, host.Server.MaxInFlight);
        Assert.Equal(5, record.RequestCount);
        Assert.Equal(1, record.CriticalPathRequests);
    }

    [Fact]
    public async Task Load_ObservationsOfBothSearches_AreMergedOncePerId()
    {
        using var host = new FhirTestHost();
        host.Server.Respond = (request, _) => Chart(request).AsTask();
        var record = await LoadAsync(host);
        Assert.Equal("p1", record.Patient?.GetProperty("id").GetString());
        Assert.Single(record.Conditions);
        Assert.Equal(["er", "her2", "stage"], record.Observations.Select(o => o.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Load_AsksForLabCategoryAndTheCancerFactCodesOfThePatient()
    {
        using var host = new FhirTestHost();
        host.Server.Respond = (request, _) => Chart(request).AsTask();
        await LoadAsync(host);
        var queries = host.Server.Requests.Where(r => r.Uri.AbsolutePath.EndsWith("/Observation")).Select(r => HttpUtility.ParseQueryString(r.Uri.Query)).ToArray();
        Assert.All(queries, q => Assert.Equal("p1", q["patient"]));
        Assert.Contains(queries, q => q["category"] == "laboratory");
        var codes = Assert.Single(queries, q => q["code"] is not null)["code"]!.Split(',');
        Assert.Contains("http://loinc.org|21908-9", codes);
        Assert.Contains("http://snomed.info/sct|399537006", codes);
        Assert.Contains("http://loinc.org|85337-4", codes);
    }

    [Fact]
    public async Task Load_SearchesThePatientsDiagnosticReportsOfEveryCategory()
    {
        using var host = new FhirTestHost();
        host.Server.Respond = (request, _) => Chart(request).AsTask();
        var record = await LoadAsync(host);
        var search = Assert.Single(host.Server.Requests, r => r.Uri.AbsolutePath.EndsWith("/DiagnosticReport", StringComparison.Ordinal));
        var query = HttpUtility.ParseQueryString(search.Uri.Query);
        Assert.Equal("p1", query["patient"]);
        Assert.Null(query["category"]);
        Assert.Equal(["scan"], record.Reports.Select(r => r.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Load_OneSearchFailing_ReturnsTheRestAndNamesTheMissingPart()
    {
        using var host = new FhirTestHost(o => o.RetryCount = 0);
        host.Server.Respond = (request, _) => (request.RequestUri!.AbsolutePath.EndsWith("/Condition", StringComparison.Ordinal)
            ? Responses.Status(HttpStatusCode.InternalServerError) : Chart(request)).AsTask();
        var record = await LoadAsync(host);
        Assert.Equal([PatientRecordPart.Conditions], record.MissingParts);
        Assert.Empty(record.Conditions);
        Assert.NotNull(record.Patient);
        Assert.Equal(3, record.Observations.Count);
        var problem = Assert.Single(record.Problems);
        Assert.Equal((PatientRecordPart.Conditions, 500), (problem.Part, problem.Problem.Status));
    }

    [Fact]
    public async Task Load_PartStillRunningAtTheDeadline_IsMissingAndTheOthersAreKept()
    {
        using var host = new FhirTestHost();
        host.Server.Respond = async (request, ct) =>
        {
            if (HttpUtility.ParseQueryString(request.RequestUri!.Query)["category"] == "laboratory") await Task.Delay(Timeout.Infinite, ct);
            return Chart(request);
        };
        var record = await LoadAsync(host, TimeSpan.FromMilliseconds(500));
        Assert.Equal([PatientRecordPart.LabObservations], record.MissingParts);
        Assert.Equal(FhirProblemKind.DeadlineExceeded, Assert.Single(record.Problems).Problem.Kind);
        Assert.Equal(["her2", "stage"], record.Observations.Select(o => o.GetProperty("id").GetString()));
        Assert.NotNull(record.Patient);
    }

    [Fact]
    public async Task Load_WithoutAUsableToken_SendsNothingAndReportsEveryPartMissing()
    {
        var tokens = new StaticTokenSource { Result = AccessTokenResult.Failure(SmartErrorCode.SessionExpired, "expired") };
        using var host = new FhirTestHost(tokens: tokens);
        var record = await LoadAsync(host);
        Assert.Equal(Enum.GetValues<PatientRecordPart>(), record.MissingParts);
        Assert.Empty(host.Server.Requests);
    }

    [Fact]
    public async Task Load_PatientIdThatIsNotAFhirId_SendsNothing()
    {
        using var host = new FhirTestHost();
        var record = await host.Loader.LoadAsync(host.Connection, "p1&_include=*", null, CancellationToken.None);
        Assert.Equal(Enum.GetValues<PatientRecordPart>().Length, record.MissingParts.Count);
        Assert.Empty(host.Server.Requests);
    }

    [Fact]
    public async Task Load_RequestsAreCountedForTheFigures()
    {
        using var host = new FhirTestHost();
        host.Server.Respond = (request, _) => Chart(request).AsTask();
        await LoadAsync(host);
        await LoadAsync(host);
        Assert.Equal(10, host.Counter.Requests);
        Assert.Equal(10, host.Counter.Attempts);
    }
}
