using System.Net;
using System.Text.Json;
using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests;

/// <summary>
/// <c>GET /fhir/Patient/{id}/$education</c> with the launch's session, and <c>GET /fhir/metadata</c>: content, access
/// rules, and validity against the official R4 JSON schema (through the app's real responses).
/// </summary>
public sealed class FhirEducationTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    private const string ProfileUrl = "http://mbcfhiredu.example.org/fhir/StructureDefinition/mbc-education-document-reference";

    [Fact]
    public async Task Education_ForTheSessionPatient_IsTheSameMaterialsAsThePageWithEvidence()
    {
        var browser = factory.NewBrowser();
        var page = await Launches.AsPatientAsync(browser, "her2-positive-brain");

        var (response, bundle) = await GetAsync(browser, "/fhir/Patient/her2-positive-brain/$education");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Bundle", bundle.GetProperty("resourceType").GetString());
        Assert.Equal("searchset", bundle.GetProperty("type").GetString());
        var documents = Documents(bundle);
        Assert.Equal(Html.MaterialIds(page), documents.Select(d => d.GetProperty("identifier")[0].GetProperty("value").GetString()!).ToList());
        Assert.Equal(documents.Count, bundle.GetProperty("total").GetInt32());

        var brain = documents.Single(d => d.GetProperty("id").GetString() == "brain-metastases");
        Assert.Equal(ProfileUrl, brain.GetProperty("meta").GetProperty("profile")[0].GetString());
        Assert.Equal("current", brain.GetProperty("status").GetString());
        Assert.Equal("34895-3", brain.GetProperty("type").GetProperty("coding")[0].GetProperty("code").GetString());
        Assert.Equal("Patient/her2-positive-brain", brain.GetProperty("subject").GetProperty("reference").GetString());
        Assert.Equal("en", brain.GetProperty("language").GetString());
        Assert.False(string.IsNullOrWhiteSpace(brain.GetProperty("description").GetString()));
        var attachment = brain.GetProperty("content")[0].GetProperty("attachment");
        Assert.Equal(WebAppFactory.Origin + "/materials/en/brain-metastases", attachment.GetProperty("url").GetString());
        Assert.Equal("text/html", attachment.GetProperty("contentType").GetString());
        var related = brain.GetProperty("context").GetProperty("related").EnumerateArray().Select(r => r.GetProperty("reference").GetString()!).ToList();
        Assert.NotEmpty(related);
        Assert.Contains(related, r => r.StartsWith("Condition/", StringComparison.Ordinal));
        Assert.All(related, r => Assert.True(r.StartsWith("Condition/", StringComparison.Ordinal) || r.StartsWith("DiagnosticReport/", StringComparison.Ordinal), r));

        FhirSchema.AssertValid(bundle.GetRawText(), "education-bundle");
    }

    [Fact]
    public async Task Education_InSpanishForAPatientWhoPrefersSpanish()
    {
        var browser = factory.NewBrowser();
        await Launches.AsPatientAsync(browser, "spanish-bone-eye");

        var (_, bundle) = await GetAsync(browser, "/fhir/Patient/spanish-bone-eye/$education");

        var bone = Documents(bundle).Single(d => d.GetProperty("id").GetString() == "bone-metastases");
        Assert.Equal("es", bone.GetProperty("language").GetString());
        Assert.Equal(WebAppFactory.Origin + "/materials/es/bone-metastases", bone.GetProperty("content")[0].GetProperty("attachment").GetProperty("url").GetString());
    }

    [Fact]
    public async Task Education_ForAnotherPatientsId_Is403OperationOutcome()
    {
        var browser = factory.NewBrowser();
        await Launches.AsPatientAsync(browser, "her2-positive-brain");

        var (response, outcome) = await GetAsync(browser, "/fhir/Patient/de-novo-bone-pik3ca/$education");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("OperationOutcome", outcome.GetProperty("resourceType").GetString());
        Assert.Equal("forbidden", outcome.GetProperty("issue")[0].GetProperty("code").GetString());
        FhirSchema.AssertValid(outcome.GetRawText(), "education-403");
    }

    [Fact]
    public async Task Education_WithoutASession_Is401OperationOutcome()
    {
        var (response, outcome) = await GetAsync(factory.NewBrowser(), "/fhir/Patient/her2-positive-brain/$education");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("login", outcome.GetProperty("issue")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task ClinicianAudience_NeedsAClinicianSession()
    {
        var patient = factory.NewBrowser();
        await Launches.AsPatientAsync(patient, "her2-positive-brain");
        var clinician = factory.NewBrowser();
        await Launches.AsClinicianAsync(clinician, "her2-positive-brain");

        var (refused, _) = await GetAsync(patient, "/fhir/Patient/her2-positive-brain/$education?audience=clinician");
        var (allowed, bundle) = await GetAsync(clinician, "/fhir/Patient/her2-positive-brain/$education?audience=clinician");
        var (bad, _) = await GetAsync(clinician, "/fhir/Patient/her2-positive-brain/$education?audience=robot");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains(Documents(bundle), d => d.GetProperty("description").GetString()!.Contains("Condition/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Education_WithAFailedPart_AddsAnOperationOutcomeEntryAndStaysValid()
    {
        using var app = new WebAppFactory { Fault = Faults.LabObservationSearch };
        var browser = app.NewBrowser();
        await Launches.AsPatientAsync(browser, "her2-positive-brain");

        var (response, bundle) = await GetAsync(browser, "/fhir/Patient/her2-positive-brain/$education");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcome = bundle.GetProperty("entry").EnumerateArray().Single(e => e.GetProperty("search").GetProperty("mode").GetString() == "outcome").GetProperty("resource");
        Assert.Equal("OperationOutcome", outcome.GetProperty("resourceType").GetString());
        Assert.Contains(outcome.GetProperty("issue").EnumerateArray(), i =>
            i.GetProperty("code").GetString() == "incomplete" && i.GetProperty("diagnostics").GetString()!.Contains("could not be read: laboratory results", StringComparison.Ordinal));
        Assert.Contains("brain-metastases", Documents(bundle).Select(d => d.GetProperty("id").GetString()));
        FhirSchema.AssertValid(bundle.GetRawText(), "education-with-outcome");
    }

    [Fact]
    public async Task Metadata_IsOurCapabilityStatementWithTheRealBase()
    {
        var response = await factory.CreateClient().GetAsync("/fhir/metadata");
        var json = await response.Content.ReadAsStringAsync();
        var statement = JsonDocument.Parse(json).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("CapabilityStatement", statement.GetProperty("resourceType").GetString());
        Assert.Equal("MbcEduServer", statement.GetProperty("name").GetString());
        Assert.Equal("instance", statement.GetProperty("kind").GetString());
        Assert.Equal(WebAppFactory.Origin + "/fhir", statement.GetProperty("implementation").GetProperty("url").GetString());
        var patient = statement.GetProperty("rest")[0].GetProperty("resource").EnumerateArray().Single(r => r.GetProperty("type").GetString() == "Patient");
        Assert.Equal("education", patient.GetProperty("operation")[0].GetProperty("name").GetString());
        FhirSchema.AssertValid(json, "metadata");
    }

    [Fact]
    public async Task OperationDefinition_IsServedAtItsCanonicalPath()
    {
        var response = await factory.CreateClient().GetAsync("/fhir/OperationDefinition/education");
        var definition = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("education", definition.GetProperty("code").GetString());
        Assert.True(definition.GetProperty("instance").GetBoolean());
    }

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> GetAsync(Browser browser, string url)
    {
        var response = await browser.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        return (response, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static List<JsonElement> Documents(JsonElement bundle) =>
        [.. bundle.GetProperty("entry").EnumerateArray().Where(e => e.GetProperty("search").GetProperty("mode").GetString() == "match").Select(e => e.GetProperty("resource"))];
}
