using System.Net;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace MbcFhirEdu.Web.Tests.Observability;

/// <summary>
/// Faults leave a warning an operator can act on: which request hit the deadline, how long it waited, what the deadline
/// was; and the log says the same about a partial load as the page does. Never PHI: no patient id, no URL.
/// </summary>
public sealed class FaultLogTests
{
    private const string Patient = "her2-positive-brain";

    [Fact]
    public async Task PageLoad_PastItsDeadline_LogsAWarningNamingTheSearchTheWaitAndTheDeadline()
    {
        await using var app = WebAppFactory.With(new Dictionary<string, string?>
        {
            // The first try of the Condition search ends at the per-try timeout (3 s; long enough for the token calls of a
            // loaded test machine) and is retried; the deadline (5 s) ends the retry. Equal values would race: under
            // load the per-try timer sometimes fired first and the part ended as a timeout, not at the deadline.
            ["Smart:PageLoadDeadline"] = "00:00:05",
            ["Smart:PerTryTimeout"] = "00:00:03",
        });
        app.Delay = request => IsSearch(request, "Condition") ? TimeSpan.FromSeconds(30) : null;

        var html = await Launches.AsPatientAsync(app.NewBrowser(), Patient);

        Assert.Contains("We could not load your diagnoses right now", html);
        var warning = Assert.Single(Warnings(app), m => m.Contains("deadline", StringComparison.Ordinal));
        Assert.Contains("Condition search unfinished after", warning);
        Assert.Contains("(deadline 5000 ms)", warning);
        Assert.Matches(@"after \d+ ms", warning);
        AssertNoPhi(warning);
    }

    [Fact]
    public async Task CdsFetch_PastTheHookDeadline_LogsAWarningNamingTheSearchTheWaitAndTheDeadline()
    {
        await using var app = WebAppFactory.With(new Dictionary<string, string?>
        {
            ["CdsHooks:RequireAuthentication"] = "false",
            ["CdsHooks:Deadline"] = "00:00:00.300",
        });
        var token = await CdsCalls.SandboxTokenAsync(app, Patient);
        app.Delay = request => IsSearch(request, "Observation") && request.RequestUri!.Query.Contains("laboratory", StringComparison.Ordinal)
            ? TimeSpan.FromSeconds(30) : null;

        var response = await CdsCalls.PostAsync(app.CreateClient(),
            CdsCalls.Request(Patient, fhirServer: WebAppFactory.Issuer, accessToken: token).ToJsonString(), jwt: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var warning = Assert.Single(Warnings(app), m => m.Contains("deadline", StringComparison.Ordinal));
        Assert.Contains("Observation search (laboratory) unfinished after", warning);
        Assert.Contains("of the 300 ms deadline", warning);
        AssertNoPhi(warning);
    }

    [Fact]
    public async Task NextPageFailing_LogsTheConditionsAsIncomplete_AsThePageSays()
    {
        await using var app = WebAppFactory.With(new Dictionary<string, string?>
        {
            ["Smart:PageSize"] = "1",
            ["Smart:MaxPages"] = "100",
        });
        // The first page of conditions arrives; every later page (a `next` link) fails.
        app.Fault = request => IsSearch(request, "Condition") && request.RequestUri!.Query.Contains("_page=", StringComparison.Ordinal)
            ? HttpStatusCode.InternalServerError : null;

        var html = await Launches.AsPatientAsync(app.NewBrowser(), Patient);

        Assert.Contains("Only part of your diagnoses could be loaded", html);
        var lines = app.Logs.Entries.Select(e => e.Message).ToList();
        Assert.Contains(lines, m => m.StartsWith("Patient page:", StringComparison.Ordinal) && m.Contains("0 parts missing, 1 parts incomplete", StringComparison.Ordinal));
        Assert.Contains(lines, m => m.StartsWith("Patient record loaded:", StringComparison.Ordinal) && m.Contains("0 parts missing, 1 parts incomplete", StringComparison.Ordinal));
        var gap = Assert.Single(Warnings(app), m => m.StartsWith("Patient record partly read", StringComparison.Ordinal));
        Assert.EndsWith("Condition search incomplete (HttpStatus 500)", gap);
        AssertNoPhi(gap);
    }

    [Fact]
    public async Task WholeRecord_LogsNoGapAndNoDeadline()
    {
        await using var app = new WebAppFactory();

        await Launches.AsPatientAsync(app.NewBrowser(), Patient);

        Assert.Contains(app.Logs.Entries, e => e.Message.StartsWith("Patient page:", StringComparison.Ordinal) && e.Message.Contains("0 parts missing, 0 parts incomplete", StringComparison.Ordinal));
        Assert.DoesNotContain(Warnings(app), m => m.Contains("deadline", StringComparison.Ordinal) || m.Contains("partly read", StringComparison.Ordinal));
    }

    private static bool IsSearch(HttpRequestMessage request, string resourceType) =>
        request.RequestUri!.AbsolutePath.EndsWith("/fhir/" + resourceType, StringComparison.Ordinal);

    private static List<string> Warnings(WebAppFactory app) =>
        [.. app.Logs.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message)];

    private static void AssertNoPhi(string line)
    {
        Assert.DoesNotContain(Patient, line);
        Assert.DoesNotContain("http", line);
        Assert.DoesNotContain("?", line);
        Assert.DoesNotContain("Colette", line);
    }
}
