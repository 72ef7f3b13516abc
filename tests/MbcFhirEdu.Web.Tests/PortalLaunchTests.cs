using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests;

/// <summary>A patient opens the app from the portal: the real launch against the hosted sandbox, then their page.</summary>
public sealed class PortalLaunchTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    [Fact]
    public async Task Her2LowPatient_SeesHer2LowAndBoneMaterials_NotHer2PositiveOrBrain()
    {
        var html = await Launches.AsPatientAsync(factory.NewBrowser(), "her2-low-ihc1-akt1");
        var ids = Html.MaterialIds(html);

        // The universal "signs that need help now" material comes first (issue 13 item 8); the site's own warning signs next.
        Assert.Equal(["signs-that-need-help-now", "bone-emergency-signs"], ids.Take(2));
        Assert.Contains("her2-low", ids);
        Assert.Contains("variant-akt1-pten", ids);
        Assert.Contains("bone-metastases", ids);
        Assert.Contains("liver-metastases", ids);
        Assert.DoesNotContain("her2-positive", ids);
        Assert.DoesNotContain("triple-negative", ids);
        Assert.DoesNotContain("brain-metastases", ids);
        Assert.DoesNotContain("variant-pik3ca", ids);
        Assert.Contains("Why you are seeing this", html);
        Assert.Contains("list cancer in the bones", html);
    }

    [Fact]
    public async Task Her2PositiveBrainPatient_SeesBrainWarningFirstAndHer2Positive_NotHer2LowOrBone()
    {
        var html = await Launches.AsPatientAsync(factory.NewBrowser(), "her2-positive-brain");
        var ids = Html.MaterialIds(html);

        // The universal "signs that need help now" material comes first (issue 13 item 8); the site's own warning signs next.
        Assert.Equal(["signs-that-need-help-now", "brain-emergency-signs"], ids.Take(2));
        Assert.Contains("brain-metastases", ids);
        Assert.Contains("lung-metastases", ids);
        Assert.Contains("her2-positive", ids);
        Assert.DoesNotContain("her2-low", ids);
        Assert.DoesNotContain("hr-positive", ids);
        Assert.DoesNotContain("bone-metastases", ids);
        Assert.Contains("<details open", html);
    }

    [Fact]
    public async Task TripleNegativePatient_SeesTripleNegativeLeptomeningesAndBrca_NotHormoneOrHer2()
    {
        var html = await Launches.AsPatientAsync(factory.NewBrowser(), "tnbc-pdl1-leptomeninges");
        var ids = Html.MaterialIds(html);

        Assert.Contains("triple-negative", ids);
        Assert.Contains("leptomeningeal-metastases", ids);
        Assert.Contains("variant-brca", ids);
        Assert.DoesNotContain("hr-positive", ids);
        Assert.DoesNotContain("her2-positive", ids);
        Assert.DoesNotContain("her2-low", ids);
    }

    [Fact]
    public async Task UrgentGuidance_ComesBeforeEveryOtherGroup()
    {
        var html = await Launches.AsPatientAsync(factory.NewBrowser(), "de-novo-bone-pik3ca");

        var urgent = html.IndexOf("id=\"group-urgent\"", StringComparison.Ordinal);
        Assert.True(urgent > 0);
        foreach (var other in new[] { "group-site", "group-biomarker", "group-general" })
            Assert.True(html.IndexOf($"id=\"{other}\"", StringComparison.Ordinal) > urgent, other);
        Assert.True(html.IndexOf("From your care team", StringComparison.Ordinal) < urgent);
    }

    [Fact]
    public async Task SpanishSpeaker_GetsSpanishPageAndMaterials()
    {
        var browser = factory.NewBrowser();
        var html = await Launches.AsPatientAsync(browser, "spanish-bone-eye");

        Assert.Contains("<html lang=\"es\">", html);
        Assert.Contains("Cuando el cáncer de mama llega a los huesos", html);
        Assert.Contains("Por qué ve esto", html);
        Assert.Contains("data-material=\"bone-metastases\" lang=\"es\"", html);
        Assert.Contains("data-material=\"bone-strengthening-medicines\" lang=\"es\"", html);
        Assert.DoesNotContain("class=\"fallback\"", html);

        var english = await browser.GetHtmlAsync("/app?lang=en");
        Assert.Contains("<html lang=\"en\">", english);
        Assert.Contains("Why you are seeing this", english);
        Assert.Equal(Html.MaterialIds(html), Html.MaterialIds(english));
    }

    [Fact]
    public async Task SpanishSpeaker_WhereOnlyTheEnglishIsApproved_GetsTheEnglishOriginal_MarkedWithASpace()
    {
        // Production shows approved materials only: a Spanish translation still in draft gives way to its approved
        // English original, marked " (en inglés)" after the title.
        await using var production = WebAppFactory.With(new Dictionary<string, string?> { ["Content:IncludeDrafts"] = "false" });
        var html = await Launches.AsPatientAsync(production.NewBrowser(), "spanish-bone-eye");

        Assert.Contains("data-material=\"bone-metastases\" lang=\"es\"", html);
        Assert.Contains("data-material=\"bone-strengthening-medicines\" lang=\"en\"", html);
        Assert.Contains("<span class=\"fallback\" lang=\"es\"> (en inglés)</span>", html);
    }

    [Fact]
    public async Task EnglishSpeaker_CanSwitchToSpanish()
    {
        var browser = factory.NewBrowser();
        var html = await Launches.AsPatientAsync(browser, "her2-low-ihc1-akt1");
        var app = Html.AppPath(html);
        Assert.Contains($"href=\"{app}?lang=es\"", html);

        var spanish = await browser.GetHtmlAsync(app + "?lang=es");

        Assert.Contains("<html lang=\"es\">", spanish);
        Assert.Contains("HER2", spanish);
        Assert.Contains("Por qué ve esto", spanish);
    }

    [Fact]
    public async Task PortalLaunch_ShowsThePatientBanner_BecauseTheEhrAskedForIt()
    {
        var html = await Launches.AsPatientAsync(factory.NewBrowser(), "her2-low-ihc1-akt1");

        Assert.Contains("class=\"patient-banner\"", html);
        Assert.Contains("Imogen Saltmarsh", html);
        Assert.Contains("From your care team", html);
        Assert.DoesNotContain("Clinical profile read from the record", html);
    }

    [Fact]
    public async Task NonMetastaticPatient_GetsTheNoteAndNoSpreadMaterials()
    {
        var html = await Launches.AsPatientAsync(factory.NewBrowser(), "non-metastatic-stage-ii");
        var ids = Html.MaterialIds(html);

        Assert.Contains("This library is about metastatic breast cancer", html);
        Assert.Contains("the materials written for cancer that has spread are not shown", html);
        // Every material written for spread (hr-positive included: it speaks of metastatic treatment) is held back.
        Assert.Equal(["talking-with-your-care-team"], ids);
    }

    [Fact]
    public async Task PrintView_WritesEveryMaterialOut_WithoutDisclosureWidgets()
    {
        var browser = factory.NewBrowser();
        var screen = await Launches.AsPatientAsync(browser, "her2-positive-brain");

        var print = await browser.GetHtmlAsync("/app/print");

        Assert.Contains("class=\"print-view\"", print);
        Assert.DoesNotContain("<details", print);
        Assert.Equal(Html.MaterialIds(screen), Html.MaterialIds(print));
        Assert.Contains("class=\"material-body\"", print);
    }

    [Fact]
    public async Task MaterialInTheApp_OpensOnItsOwnPage_InTheChosenLanguage()
    {
        var browser = factory.NewBrowser();
        var app = Html.AppPath(await Launches.AsPatientAsync(browser, "her2-low-ihc1-akt1"));

        var html = await browser.GetHtmlAsync(app + "/materials/her2-low?lang=es");

        Assert.Contains("<html lang=\"es\">", html);
        Assert.Contains($"href=\"{app}?lang=es\"", html);
        Assert.Equal(1, Html.Count(html, "<h1"));
    }

    [Fact]
    public async Task EhrStyle_BecomesValidatedCssVariables()
    {
        var browser = factory.NewBrowser();
        var html = await Launches.AsPatientAsync(browser, "her2-low-ihc1-akt1");
        var app = Html.AppPath(html);
        Assert.Contains($"href=\"{app}/theme.css\"", html);

        var response = await browser.GetAsync(app + "/theme.css");
        var css = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("--color-text: #1b1b1b;", css);
        Assert.Contains("--font-heading: \"Source Serif 4\", Georgia, serif;", css);
    }

    [Fact]
    public async Task PageLoad_IsOneParallelWaveOfFiveFhirRequests()
    {
        var browser = factory.NewBrowser();
        await Launches.AsPatientAsync(browser, "lobular-ovary-peritoneum");

        var response = await browser.GetAsync("/app");

        var timing = Assert.Single(response.Headers.GetValues("Server-Timing"));
        Assert.Contains("5 requests, critical path 1", timing);
    }
}
