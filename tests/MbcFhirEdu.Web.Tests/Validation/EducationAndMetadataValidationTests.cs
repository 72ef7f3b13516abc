using System.Net;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests.Validation;

/// <summary>
/// What the app's own FHIR endpoint writes, taken from its real responses and checked by Firely's validator: the
/// <c>$education</c> Bundle (base R4) with each DocumentReference against MbcEducationDocumentReference, the
/// OperationOutcomes inside and outside it, <c>/fhir/metadata</c> and the <c>$education</c> OperationDefinition.
/// </summary>
public sealed class EducationAndMetadataValidationTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    private const string DocumentProfile = "http://mbcfhiredu.example.org/fhir/StructureDefinition/mbc-education-document-reference";

    [Theory]
    [InlineData("her2-positive-brain", "")]
    [InlineData("spanish-bone-eye", "")]
    [InlineData("her2-positive-brain", "?audience=clinician")]
    [InlineData("deceased-metastatic", "?audience=clinician")]
    public async Task The_education_Bundle_and_its_DocumentReferences_are_valid(string patient, string query)
    {
        var browser = factory.NewBrowser();
        if (query.Contains("clinician", StringComparison.Ordinal)) await Launches.AsClinicianAsync(browser, patient);
        else await Launches.AsPatientAsync(browser, patient);

        var bundle = Assert.IsType<Bundle>(await GetAsync(browser, $"/fhir/Patient/{patient}/$education{query}", HttpStatusCode.OK));

        FirelyValidation.Shared.AssertValid(bundle, $"$education for {patient}{query}");
        var documents = bundle.Entry.Select(e => e.Resource).OfType<DocumentReference>().ToList();
        Assert.Equal(bundle.Total, documents.Count);
        Assert.All(documents, document => FirelyValidation.Shared.AssertValid(document, $"DocumentReference/{document.Id}", DocumentProfile));
        Assert.All(bundle.Entry.Select(e => e.Resource).OfType<OperationOutcome>(), outcome => FirelyValidation.Shared.AssertValid(outcome, "the Bundle's OperationOutcome"));
    }

    [Fact]
    public async Task The_education_Bundle_with_an_unread_part_is_valid()
    {
        using var app = new WebAppFactory { Fault = Faults.LabObservationSearch };
        var browser = app.NewBrowser();
        await Launches.AsPatientAsync(browser, "her2-positive-brain");

        var bundle = Assert.IsType<Bundle>(await GetAsync(browser, "/fhir/Patient/her2-positive-brain/$education", HttpStatusCode.OK));

        Assert.Contains(bundle.Entry, e => e.Resource is OperationOutcome && e.Search?.Mode == Bundle.SearchEntryMode.Outcome);
        FirelyValidation.Shared.AssertValid(bundle, "$education with an unread part");
    }

    [Fact]
    public async Task An_error_OperationOutcome_is_valid()
    {
        var browser = factory.NewBrowser();
        await Launches.AsPatientAsync(browser, "her2-positive-brain");

        var outcome = await GetAsync(browser, "/fhir/Patient/de-novo-bone-pik3ca/$education", HttpStatusCode.Forbidden);

        FirelyValidation.Shared.AssertValid(Assert.IsType<OperationOutcome>(outcome), "403 OperationOutcome");
    }

    [Fact]
    public async Task The_CapabilityStatement_and_the_OperationDefinition_are_valid()
    {
        var browser = factory.NewBrowser();

        var statement = Assert.IsType<CapabilityStatement>(await GetAsync(browser, "/fhir/metadata", HttpStatusCode.OK));
        var definition = Assert.IsType<OperationDefinition>(await GetAsync(browser, "/fhir/OperationDefinition/education", HttpStatusCode.OK));

        Assert.Equal(CapabilityStatementKind.Instance, statement.Kind);
        FirelyValidation.Shared.AssertValid(statement, "/fhir/metadata");
        FirelyValidation.Shared.AssertValid(definition, "OperationDefinition/education");
    }

    [Fact]
    public async Task A_DocumentReference_without_what_the_profile_requires_is_refused()
    {
        var browser = factory.NewBrowser();
        await Launches.AsPatientAsync(browser, "her2-positive-brain");
        var bundle = Assert.IsType<Bundle>(await GetAsync(browser, "/fhir/Patient/her2-positive-brain/$education", HttpStatusCode.OK));
        var document = bundle.Entry.Select(e => e.Resource).OfType<DocumentReference>().First();

        var noDescription = (DocumentReference)document.DeepCopy();
        noDescription.Description = null; // profile: 1..1
        var noContent = (DocumentReference)document.DeepCopy();
        noContent.Content.Clear(); // base R4: 1..*

        Assert.Empty(FirelyValidation.Shared.Errors(document, DocumentProfile));
        FirelyValidation.Shared.AssertRefused(noDescription, "description", DocumentProfile);
        var noDescriptionNoProfile = (DocumentReference)noDescription.DeepCopy();
        noDescriptionNoProfile.Meta = null;
        Assert.Empty(FirelyValidation.Shared.Errors(noDescriptionNoProfile)); // base R4 allows it: the profile is what requires it
        FirelyValidation.Shared.AssertRefused(noContent, "content");
    }

    private static async Task<Resource> GetAsync(Browser browser, string url, HttpStatusCode expected)
    {
        var response = await browser.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{url}: {(int)response.StatusCode} {text}");
        return FirelyValidation.ReadStrictly(text);
    }
}
