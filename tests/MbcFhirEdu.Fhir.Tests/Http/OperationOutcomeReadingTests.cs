using System.Net;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.Tests.Support;

namespace MbcFhirEdu.Fhir.Tests.Http;

/// <summary>A server's OperationOutcome, read with Firely: its words for the caller, only its codes for warnings.</summary>
public sealed class OperationOutcomeReadingTests
{
    private static readonly KeyValuePair<string, string>[] ForP1 = [KeyValuePair.Create("patient", "p1")];

    [Fact]
    public async Task ErrorAnswer_WithAnOperationOutcome_GivesTheServersWordsWithoutControlCharacters()
    {
        using var host = new FhirTestHost(o => o.RetryCount = 0);
        var outcome = new
        {
            resourceType = "OperationOutcome",
            issue = new object[]
            {
                new { severity = "error", code = "not-found", details = new { text = "Patient/p1 is not known\u0007" } },
                new { severity = "error", code = "processing", diagnostics = "search index rebuilding" },
            },
        };
        host.Server.Respond = (_, _) => Responses.Fhir(outcome, HttpStatusCode.NotFound).AsTask();
        var result = await host.Client.ReadAsync(host.Connection, "Patient", "p1", null, CancellationToken.None);
        Assert.Equal("Patient/p1 is not known; search index rebuilding", result.Problem?.ServerText);
    }

    [Fact]
    public async Task ErrorAnswer_WithAnOutcomeFirelyFindsFaultIn_StillGivesItsReadableWords()
    {
        using var host = new FhirTestHost(o => o.RetryCount = 0);
        // An unknown issue code and an element R4 does not have: the diagnostics are still worth showing.
        var outcome = new { resourceType = "OperationOutcome", vendorFlag = true, issue = new[] { new { severity = "fatal", code = "no-such-code", diagnostics = "database offline" } } };
        host.Server.Respond = (_, _) => Responses.Fhir(outcome, HttpStatusCode.InternalServerError).AsTask();
        var result = await host.Client.SearchAsync(host.Connection, "Condition", ForP1, null, CancellationToken.None);
        Assert.Equal("database offline", Assert.Single(result.Problems).ServerText);
    }

    [Theory]
    [InlineData("<html><body>Internal Server Error</body></html>")]
    [InlineData("""{"resourceType":"Patient","id":"p1"}""")]
    public async Task ErrorAnswer_ThatIsNoOperationOutcome_HasNoServerText(string body)
    {
        using var host = new FhirTestHost(o => o.RetryCount = 0);
        host.Server.Respond = (_, _) => new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent(body) }.AsTask();
        var result = await host.Client.SearchAsync(host.Connection, "Condition", ForP1, null, CancellationToken.None);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((FhirProblemKind.HttpStatus, 500), (problem.Kind, problem.Status));
        Assert.Null(problem.ServerText);
    }

    [Fact]
    public async Task OutcomeEntry_WithSeveralIssues_NamesEachCodeAndNoDiagnostics()
    {
        using var host = new FhirTestHost();
        var outcome = new
        {
            resourceType = "OperationOutcome",
            issue = new object[]
            {
                new { severity = "warning", code = "incomplete", diagnostics = "Jane Doe's older notes were skipped" },
                new { severity = "information", code = "informational", details = new { text = "MRN 12345" } },
            },
        };
        host.Server.Respond = (_, _) => Responses.Fhir(Responses.Bundle([Responses.Observation("o1"), outcome])).AsTask();
        var result = await host.Client.SearchAsync(host.Connection, "Observation", ForP1, null, CancellationToken.None);
        var warning = Assert.Single(result.Problems);
        Assert.EndsWith("incomplete, informational", warning.Message);
        Assert.DoesNotContain("Jane", warning.Message);
        Assert.DoesNotContain("12345", warning.Message);
    }
}
