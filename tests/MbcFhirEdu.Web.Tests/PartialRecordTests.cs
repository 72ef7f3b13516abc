using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests;

/// <summary>One search failing does not take the page down: what is known is shown, and what is missing is said.</summary>
public sealed class PartialRecordTests
{
    [Fact]
    public async Task LabObservationSearchFailing_ShowsTheRest_AndSaysLabResultsAreMissing()
    {
        await using var factory = new WebAppFactory();
        var browser = factory.NewBrowser();
        factory.Fault = Faults.LabObservationSearch;

        var html = await Launches.AsPatientAsync(browser, "her2-low-ihc1-akt1");
        var ids = Html.MaterialIds(html);

        Assert.Contains("We could not load your lab results right now; what you see may be incomplete.", html);
        Assert.Contains("bone-metastases", ids);
        Assert.Contains("liver-metastases", ids);
        Assert.Contains("what-is-metastatic-breast-cancer", ids);
        Assert.DoesNotContain("We could not load your diagnoses", html);
    }

    [Fact]
    public async Task SpanishPage_SaysWhatIsMissingInSpanish()
    {
        await using var factory = new WebAppFactory();
        var browser = factory.NewBrowser();
        factory.Fault = Faults.LabObservationSearch;

        var html = await Launches.AsPatientAsync(browser, "spanish-bone-eye");

        Assert.Contains("No pudimos cargar sus resultados de laboratorio", html);
    }
}
