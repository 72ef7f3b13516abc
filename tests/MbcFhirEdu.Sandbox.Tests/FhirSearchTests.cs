using System.Net;
using System.Text.Json;
using MbcFhirEdu.Sandbox.Tests.Infrastructure;

namespace MbcFhirEdu.Sandbox.Tests;

public sealed class FhirSearchTests(SandboxFactory factory) : IClassFixture<SandboxFactory>
{
    private readonly SmartFlow _flow = new(factory.CreateSandboxClient());

    [Fact]
    public async Task FollowingNextLinks_ReturnsEveryConditionExactlyOnce()
    {
        var token = await ClinicianTokenAsync();
        var all = await SmartFlow.ReadJsonAsync(await _flow.GetFhirAsync("Condition?_count=1000", token));
        var expected = Ids(all).ToList();

        var seen = new List<string>();
        string? next = SmartFlow.FhirBase + "/Condition?_count=7";
        var pages = 0;
        while (next is not null && pages++ < 100)
        {
            var page = await SmartFlow.ReadJsonAsync(await _flow.GetFhirAsync(next, token));
            Assert.Equal(expected.Count, page.GetProperty("total").GetInt32());
            Assert.True(page.GetProperty("entry").GetArrayLength() <= 7);
            seen.AddRange(Ids(page));
            next = Link(page, "next");
        }

        Assert.True(expected.Count > 40, $"the sandbox should hold many Conditions, found {expected.Count}");
        Assert.Equal(expected.Count, seen.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Paging_WithinOnePatient_HasSelfAndNextLinks()
    {
        var token = await ClinicianTokenAsync();

        var page = await SmartFlow.ReadJsonAsync(await _flow.GetFhirAsync("Condition?patient=her2-low-ihc1-akt1&_count=2", token));

        Assert.Equal("searchset", page.GetProperty("type").GetString());
        Assert.Equal(4, page.GetProperty("total").GetInt32());
        Assert.Equal(2, page.GetProperty("entry").GetArrayLength());
        Assert.StartsWith("http://localhost/sandbox/fhir/Condition?patient=her2-low-ihc1-akt1", Link(page, "self"));
        Assert.Contains("_page=", Link(page, "next"));
    }

    [Fact]
    public async Task DefaultPageSize_IsFifty()
    {
        var token = await ClinicianTokenAsync();

        var page = await SmartFlow.ReadJsonAsync(await _flow.GetFhirAsync("Observation", token));

        Assert.Equal(50, page.GetProperty("entry").GetArrayLength());
        Assert.NotNull(Link(page, "next"));
    }

    [Fact]
    public async Task ForgedPageToken_IsABadRequest()
    {
        var token = await ClinicianTokenAsync();

        using var response = await _flow.GetFhirAsync("Condition?_page=forged!", token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("Observation?patient=receptor-change-liver&code=http://loinc.org|85337-4", 2)]
    [InlineData("Observation?patient=receptor-change-liver&code=85337-4", 2)]
    [InlineData("Observation?patient=receptor-change-liver&code=85337-4,85339-0", 4)]
    [InlineData("Observation?patient=receptor-change-liver&code=http://snomed.info/sct|85337-4", 0)]
    [InlineData("Observation?patient=receptor-change-liver&category=laboratory", 9)]
    [InlineData("Observation?patient=receptor-change-liver&category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory&code=http://loinc.org|85329-1", 2)]
    [InlineData("Observation?patient=de-novo-bone-pik3ca&category=exam", 2)]
    [InlineData("Observation?patient=de-novo-bone-pik3ca&code=69548-6", 1)]
    [InlineData("Condition?patient=her2-low-ihc1-akt1&category=problem-list-item&code=http://snomed.info/sct|94381002", 1)]
    [InlineData("Condition?patient=recurrence-lung-liver-esr1&code=urn:oid:2.16.840.1.113883.6.90|C78.7", 1)]
    [InlineData("Condition?patient=her2-positive-brain&category=encounter-diagnosis", 1)]
    [InlineData("Condition?patient=her2-low-ihc1-akt1&clinical-status=resolved", 1)]
    [InlineData("DiagnosticReport?patient=de-novo-bone-pik3ca", 2)]
    [InlineData("Condition?patient=her2-low-ihc1-akt1&unknown-parameter=ignored", 4)]
    public async Task Search_ByCategoryAndCode_FindsTheExpectedResources(string query, int expected)
    {
        var token = await ClinicianTokenAsync();

        var bundle = await SmartFlow.ReadJsonAsync(await _flow.GetFhirAsync(query, token));

        Assert.Equal(expected, bundle.GetProperty("total").GetInt32());
        Assert.Equal(expected, bundle.TryGetProperty("entry", out var entries) ? entries.GetArrayLength() : 0);
    }

    [Fact]
    public async Task SearchResults_AreFhirJsonWithFullUrls()
    {
        var token = await ClinicianTokenAsync();

        using var response = await _flow.GetFhirAsync("Condition?patient=spanish-bone-eye", token);
        var bundle = await SmartFlow.ReadJsonAsync(response);

        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        Assert.All(bundle.GetProperty("entry").EnumerateArray(), e =>
            Assert.Equal($"http://localhost/sandbox/fhir/Condition/{e.GetProperty("resource").GetProperty("id").GetString()}", e.GetProperty("fullUrl").GetString()));
    }

    private async Task<string> ClinicianTokenAsync()
    {
        var flow = new SmartFlow(factory.CreateSandboxClient());
        return (await flow.StandaloneTokenAsync("user/*.rs", "Practitioner/onc-halloway")).GetProperty("access_token").GetString()!;
    }

    private static IEnumerable<string> Ids(JsonElement bundle) =>
        bundle.TryGetProperty("entry", out var entries)
            ? entries.EnumerateArray().Select(e => e.GetProperty("resource").GetProperty("id").GetString()!)
            : [];

    private static string? Link(JsonElement bundle, string relation) =>
        bundle.GetProperty("link").EnumerateArray().FirstOrDefault(l => l.GetProperty("relation").GetString() == relation) is { ValueKind: JsonValueKind.Object } link
            ? link.GetProperty("url").GetString()
            : null;
}
