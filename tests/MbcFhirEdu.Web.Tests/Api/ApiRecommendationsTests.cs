using System.Net;
using System.Text.Json;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Web.Features.Api;
using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests.Api;

/// <summary>
/// <c>GET /api/v1/patients/{id}/recommendations</c> against the hosted sandbox: the record is read with SMART Backend
/// Services (our assertion verified by the sandbox from our own JWKS URL), the answer is what the engine recommends.
/// </summary>
public sealed class ApiRecommendationsTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static string[] Ids(JsonElement body) => [.. body.GetProperty("materials").EnumerateArray().Select(m => m.GetProperty("id").GetString()!)];

    [Fact]
    public async Task SandboxPatient_GetsTheEnginesMaterialsWithReasonsEvidenceAndUrls()
    {
        var (response, body) = await host.GetAsync("/api/v1/patients/her2-low-ihc1-akt1/recommendations", await host.TokenAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var ids = Ids(body);
        Assert.Contains("her2-low", ids);
        Assert.DoesNotContain("her2-positive", ids);

        var her2Low = body.GetProperty("materials").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "her2-low");
        Assert.Equal("http://localhost/materials/en/her2-low", her2Low.GetProperty("url").GetString());
        Assert.False(string.IsNullOrWhiteSpace(her2Low.GetProperty("title").GetString()));
        Assert.NotEqual(0, her2Low.GetProperty("reasons").GetArrayLength());
        Assert.Contains(her2Low.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("resource").GetString()!.StartsWith("Observation/", StringComparison.Ordinal));
        Assert.All(body.GetProperty("materials").EnumerateArray(), m => Assert.Contains(m.GetProperty("urgency").GetString(), new[] { "urgent", "routine" }));
        Assert.Equal(JsonValueKind.Array, body.GetProperty("warnings").ValueKind);
    }

    [Fact]
    public async Task SameIdsAsTheClinicianPage_ForTheSamePatient()
    {
        var (_, body) = await host.GetAsync("/api/v1/patients/triple-positive-bone-nodes/recommendations?lang=en", await host.TokenAsync());
        var page = await Launches.AsClinicianAsync(host.Factory.NewBrowser(), "triple-positive-bone-nodes");
        Assert.Equal(Html.MaterialIds(page), Ids(body));
    }

    [Fact]
    public async Task LangEs_GivesSpanishMaterials_AndAnUnknownLangIs400()
    {
        var token = await host.TokenAsync();
        var (response, body) = await host.GetAsync("/api/v1/patients/spanish-bone-eye/recommendations?lang=es", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("es", body.GetProperty("language").GetString());
        Assert.Contains(body.GetProperty("materials").EnumerateArray(), m => m.GetProperty("url").GetString()!.Contains("/materials/es/", StringComparison.Ordinal));

        var (bad, error) = await host.GetAsync("/api/v1/patients/spanish-bone-eye/recommendations?lang=fr", token);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("invalid_lang", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task InvalidId_Is400_AndUnknownPatientIs404WithTheEhrsMessage()
    {
        var token = await host.TokenAsync();
        var (bad, badBody) = await host.GetAsync("/api/v1/patients/not_a_fhir_id!/recommendations", token);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("invalid_patient_id", badBody.GetProperty("error").GetString());

        var (missing, body) = await host.GetAsync("/api/v1/patients/no-such-patient/recommendations", token);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("patient_not_found", body.GetProperty("error").GetString());
        Assert.Contains("The EHR said: Patient/no-such-patient does not exist", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task EhrFailingThePatientRead_Is502WithAMessage()
    {
        using var failing = ApiHost.Create("RS384");
        var token = await failing.TokenAsync();
        failing.Factory.Fault = r => r.RequestUri!.AbsolutePath.StartsWith("/sandbox/fhir/Patient/", StringComparison.Ordinal) ? HttpStatusCode.ServiceUnavailable : null;
        var (response, body) = await failing.GetAsync("/api/v1/patients/her2-low-ihc1-akt1/recommendations", token);
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("ehr_unavailable", body.GetProperty("error").GetString());
        Assert.Contains("503", body.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData(FhirProblemKind.NotFound, 404)]
    [InlineData(FhirProblemKind.Timeout, 504)]
    [InlineData(FhirProblemKind.DeadlineExceeded, 504)]
    [InlineData(FhirProblemKind.Network, 502)]
    [InlineData(FhirProblemKind.CircuitOpen, 502)]
    [InlineData(FhirProblemKind.Unauthorized, 502)]
    public void EhrProblems_MapToGatewayStatuses(FhirProblemKind kind, int status) =>
        Assert.Equal(status, ApiEndpoints.StatusFor(new FhirProblem(kind, "x")).Status);

    [Theory]
    [InlineData("RS384")]
    [InlineData("ES384")]
    public async Task BackendServicesToken_IsRequestedOnceAndReused_WithEitherAlgorithm(string algorithm)
    {
        using var api = ApiHost.Create(algorithm);
        var tokenRequests = 0;
        api.Factory.Fault = r =>
        {
            if (r.RequestUri!.AbsolutePath == "/sandbox/auth/token") Interlocked.Increment(ref tokenRequests);
            return null;
        };
        var token = await api.TokenAsync();
        foreach (var patient in new[] { "her2-low-ihc1-akt1", "her2-positive-brain", "tnbc-pdl1-leptomeninges" })
        {
            var (response, body) = await api.GetAsync($"/api/v1/patients/{patient}/recommendations", token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEqual(0, body.GetProperty("materials").GetArrayLength());
        }
        Assert.Equal(1, tokenRequests);
    }

    [Fact]
    public async Task Jwks_PublishesOnlyThePublicBackendKey()
    {
        using var http = host.NewClient();
        var json = JsonDocument.Parse(await http.GetStringAsync("/.well-known/jwks.json")).RootElement;
        var key = Assert.Single(json.GetProperty("keys").EnumerateArray());
        Assert.Equal("backend-test-1", key.GetProperty("kid").GetString());
        Assert.Equal("RS384", key.GetProperty("alg").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal(["alg", "e", "kid", "kty", "n", "use"], key.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task NoPatientIdOrTokenInTheLogs()
    {
        var token = await host.TokenAsync();
        await host.GetAsync("/api/v1/patients/male-brca2-bone-nodes/recommendations", token);
        Assert.DoesNotContain(host.Factory.Logs.Lines, l => l.Contains("male-brca2-bone-nodes", StringComparison.Ordinal) || l.Contains(token[..40], StringComparison.Ordinal));
    }
}
