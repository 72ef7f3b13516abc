using System.Net;
using System.Text.Json;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.Tests.Support;

namespace MbcFhirEdu.Fhir.Tests.Http;

public sealed class FhirRestClientTests
{
    private static readonly KeyValuePair<string, string>[] ForP1 = [KeyValuePair.Create("patient", "p1")];

    private static Task<FhirSearchResult> SearchAsync(FhirTestHost host, FhirLoadBudget? budget = null) =>
        host.Client.SearchAsync(host.Connection, "Observation", ForP1, budget, CancellationToken.None);

    [Fact]
    public async Task Read_SendsFhirJsonAcceptAndTheBearerToken_AndReturnsTheResource()
    {
        using var host = new FhirTestHost();
        host.Server.Respond = (_, _) => Responses.Fhir(new { resourceType = "Patient", id = "p1", gender = "female" }).AsTask();
        var result = await host.Client.ReadAsync(host.Connection, "Patient", "p1", null, CancellationToken.None);
        Assert.True(result.Succeeded);
        Assert.Equal("female", result.Resource.Value.GetProperty("gender").GetString());
        var request = Assert.Single(host.Server.Requests);
        Assert.Equal("https://ehr.example.org/fhir/Patient/p1", request.Uri.AbsoluteUri);
        Assert.Equal("application/fhir+json", request.Accept);
        Assert.Equal("Bearer token-1", request.Authorization);
    }

    [Fact]
    public async Task Read_IdThatIsNotAFhirId_SendsNothing()
    {
        using var host = new FhirTestHost();
        var result = await host.Client.ReadAsync(host.Connection, "Patient", "../Practitioner/1", null, CancellationToken.None);
        Assert.Equal(FhirProblemKind.InvalidRequest, result.Problem?.Kind);
        Assert.Empty(host.Server.Requests);
    }

    [Fact]
    public async Task Search_ThreePages_FollowsEachNextLink()
    {
        using var host = new FhirTestHost();
        host.Server.Respond = (request, _) => (request.RequestUri!.Query.Contains("page=3")
            ? Responses.Fhir(Responses.Bundle([Responses.Observation("o5")]))
            : request.RequestUri.Query.Contains("page=2")
                ? Responses.Fhir(Responses.Bundle([Responses.Observation("o3"), Responses.Observation("o4")], FhirTestHost.Base + "/Observation?page=3"))
                : Responses.Fhir(Responses.Bundle([Responses.Observation("o1"), Responses.Observation("o2")], FhirTestHost.Base + "/Observation?page=2"))).AsTask();
        var result = await SearchAsync(host);
        Assert.Equal(3, result.Pages);
        Assert.True(result.Complete);
        Assert.Equal(["o1", "o2", "o3", "o4", "o5"], result.Resources.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal("?patient=p1&_count=100", host.Server.Requests[0].Uri.Query);
        Assert.All(host.Server.Requests, r => Assert.Equal("Bearer token-1", r.Authorization));
    }

    [Theory]
    [InlineData("https://evil.example.com/fhir/Observation?page=2")]
    [InlineData("https://ehr.example.org/other-fhir/Observation?page=2")]
    [InlineData("https://ehr.example.org:8443/fhir/Observation?page=2")]
    [InlineData("http://ehr.example.org/fhir/Observation?page=2")]
    public async Task Search_NextLinkOffTheFhirBase_IsNotFollowed(string next)
    {
        using var host = new FhirTestHost();
        host.Server.Respond = (_, _) => Responses.Fhir(Responses.Bundle([Responses.Observation("o1")], next)).AsTask();
        var result = await SearchAsync(host);
        Assert.Single(host.Server.Requests);
        Assert.Single(result.Resources);
        Assert.Equal(FhirProblemKind.NextLinkRefused, Assert.Single(result.Problems).Kind);
    }

    [Fact]
    public async Task Search_NextLinkBackToAPageAlreadyRead_StopsTheLoop()
    {
        using var host = new FhirTestHost();
        var first = FhirTestHost.Base + "/Observation?patient=p1&_count=100";
        host.Server.Respond = (request, _) => (request.RequestUri!.Query.Contains("page=2")
            ? Responses.Fhir(Responses.Bundle([Responses.Observation("o2")], first))
            : Responses.Fhir(Responses.Bundle([Responses.Observation("o1")], FhirTestHost.Base + "/Observation?page=2"))).AsTask();
        var result = await SearchAsync(host);
        Assert.Equal(2, host.Server.Requests.Count);
        Assert.Equal(2, result.Resources.Count);
        Assert.Equal(FhirProblemKind.PagingLoop, Assert.Single(result.Problems).Kind);
    }

    [Fact]
    public async Task Search_MorePagesThanTheLimit_StopsAtTheLimitAndSaysSo()
    {
        using var host = new FhirTestHost(o => o.MaxPages = 2);
        var page = 0;
        host.Server.Respond = (_, _) =>
        {
            var n = Interlocked.Increment(ref page);
            return Responses.Fhir(Responses.Bundle([Responses.Observation($"o{n}")], $"{FhirTestHost.Base}/Observation?page={n + 1}")).AsTask();
        };
        var result = await SearchAsync(host);
        Assert.Equal(2, host.Server.Requests.Count);
        Assert.Equal(FhirProblemKind.PageLimitReached, Assert.Single(result.Problems).Kind);
        Assert.False(result.Complete);
    }

    [Fact]
    public async Task Search_ResponseLargerThanTheLimit_StopsReadingAndReportsIt()
    {
        using var host = new FhirTestHost(o => o.MaxResponseBytes = 64 * 1024);
        var body = new EndlessStream();
        host.Server.Respond = (_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) }.AsTask();
        var result = await SearchAsync(host);
        Assert.Equal(FhirProblemKind.ResponseTooLarge, Assert.Single(result.Problems).Kind);
        Assert.True(result.Failed);
        Assert.InRange(body.BytesRead, 64 * 1024, 64 * 1024 + 128 * 1024);
    }

    [Fact]
    public async Task Read_BodyCutOffAfterTheHeaders_IsANetworkProblemNotAnException()
    {
        using var host = new FhirTestHost();
        host.Server.Respond = (_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new CutOffStream()) }.AsTask();
        var result = await host.Client.ReadAsync(host.Connection, "Patient", "p1", null, CancellationToken.None);
        Assert.Equal(FhirProblemKind.Network, result.Problem?.Kind);
    }

    [Fact]
    public async Task Read_BodyCutOffWhenTheCallerCancelled_StillThrowsTheCancellation()
    {
        using var host = new FhirTestHost();
        using var cancel = new CancellationTokenSource();
        host.Server.Respond = (_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new CutOffStream(cancel.Cancel)) }.AsTask();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Client.ReadAsync(host.Connection, "Patient", "p1", null, cancel.Token));
    }

    /// <summary>A body whose connection drops on the first read (as a reset socket, or the test server after a timeout).</summary>
    private sealed class CutOffStream(Action? beforeThrow = null) : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            beforeThrow?.Invoke();
            throw new IOException("The client aborted the request.");
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    [Fact]
    public async Task Search_DeclaredLengthOverTheLimit_IsRefusedUnread()
    {
        using var host = new FhirTestHost(o => o.MaxResponseBytes = 64 * 1024);
        var body = new EndlessStream();
        host.Server.Respond = (_, _) =>
        {
            var content = new StreamContent(body);
            content.Headers.ContentLength = 10 * 1024 * 1024;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content }.AsTask();
        };
        var result = await SearchAsync(host);
        Assert.Equal(FhirProblemKind.ResponseTooLarge, Assert.Single(result.Problems).Kind);
        Assert.Equal(0, body.BytesRead);
    }

    [Fact]
    public async Task Search_PastTheLoadBudget_StopsWithAProblem()
    {
        using var host = new FhirTestHost();
        var big = Enumerable.Range(0, 400).Select(i => (object)new { resourceType = "Observation", id = $"o{i}", note = new string('x', 500) }).ToArray();
        host.Server.Respond = (_, _) => Responses.Fhir(Responses.Bundle(big)).AsTask();
        var result = await SearchAsync(host, new FhirLoadBudget(100 * 1024));
        Assert.Equal(FhirProblemKind.LoadBudgetExhausted, Assert.Single(result.Problems).Kind);
    }

    [Fact]
    public async Task Search_OperationOutcomeEntry_BecomesAWarningNotAResource()
    {
        using var host = new FhirTestHost();
        var outcome = new { resourceType = "OperationOutcome", issue = new[] { new { severity = "warning", code = "too-costly", diagnostics = "patient Jane Doe" } } };
        host.Server.Respond = (_, _) => Responses.Fhir(Responses.Bundle([Responses.Observation("o1"), outcome])).AsTask();
        var result = await SearchAsync(host);
        Assert.Single(result.Resources);
        var warning = Assert.Single(result.Problems);
        Assert.Equal(FhirProblemKind.ServerWarning, warning.Kind);
        Assert.Contains("too-costly", warning.Message);
        Assert.DoesNotContain("Jane", warning.Message);
        Assert.True(result.Complete);
    }

    [Fact]
    public async Task Search_PersistentServerError_IsRetriedThenReportedWithItsStatus()
    {
        using var host = new FhirTestHost();
        host.Server.Respond = (_, _) => Responses.Status(HttpStatusCode.BadGateway).AsTask();
        var result = await SearchAsync(host);
        Assert.Equal(3, host.Server.Requests.Count);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((FhirProblemKind.HttpStatus, 502), (problem.Kind, problem.Status));
    }

    [Fact]
    public async Task Search_NotABundle_IsAnInvalidResponse()
    {
        using var host = new FhirTestHost();
        host.Server.Respond = (_, _) => Responses.Fhir(new { resourceType = "Patient", id = "p1" }).AsTask();
        var result = await SearchAsync(host);
        Assert.Equal(FhirProblemKind.InvalidResponse, Assert.Single(result.Problems).Kind);
    }

    [Fact]
    public async Task Resources_AreUsableAfterTheResponseIsGone()
    {
        using var host = new FhirTestHost();
        host.Server.Respond = (_, _) => Responses.Fhir(Responses.Bundle([Responses.Observation("o1")])).AsTask();
        var result = await SearchAsync(host);
        GC.Collect();
        Assert.Equal("{\"resourceType\":\"Observation\",\"id\":\"o1\",\"status\":\"final\"}", JsonSerializer.Serialize(result.Resources[0]));
    }
}
