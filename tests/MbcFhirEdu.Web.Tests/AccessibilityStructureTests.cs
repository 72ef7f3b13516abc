using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests;

/// <summary>
/// WCAG 2.1 structure checked in the HTML (the browser test runs axe-core on top): landmarks, one h1, no skipped
/// heading level, a skip link, the page language, and a viewport for phones.
/// </summary>
public sealed class AccessibilityStructureTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    [Fact]
    public async Task PatientView_HasLandmarksOneH1AndOrderedHeadings()
    {
        var html = await Launches.AsPatientAsync(factory.NewBrowser(), "her2-low-ihc1-akt1");

        AssertWellFormedPage(html);
    }

    [Fact]
    public async Task ClinicianView_HasLandmarksOneH1AndOrderedHeadings()
    {
        var html = await Launches.AsClinicianAsync(factory.NewBrowser(), "tnbc-pdl1-leptomeninges");

        AssertWellFormedPage(html);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/materials/en/bone-metastases")]
    [InlineData("/materials/es")]
    [InlineData("/materials/en/missing")]
    public async Task PublicPages_HaveLandmarksOneH1AndOrderedHeadings(string url)
    {
        var response = await factory.NewBrowser().GetAsync(url);

        AssertWellFormedPage(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LinksOutOfTheDisclosure_NameTheMaterial()
    {
        var html = await Launches.AsPatientAsync(factory.NewBrowser(), "her2-low-ihc1-akt1");

        Assert.Contains("Read it here<span class=\"visually-hidden\">: HER2-low and HER2-ultralow breast cancer</span>", html);
        Assert.Contains("Open on its own page<span class=\"visually-hidden\">: HER2-low and HER2-ultralow breast cancer</span>", html);
    }

    private static void AssertWellFormedPage(string html)
    {
        Assert.Matches("<html lang=\"(en|es)\">", html);
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html);
        Assert.Contains("<a class=\"skip-link\" href=\"#main\">", html);
        Assert.Contains("<main id=\"main\"", html);
        Assert.Equal(1, Html.Count(html, "<main"));
        Assert.Contains("<header", html);
        Assert.Contains("<footer", html);
        var levels = Html.HeadingLevels(html);
        Assert.Equal(1, levels.Count(l => l == 1));
        Assert.Equal(1, levels[0]);
        for (var i = 1; i < levels.Count; i++)
            Assert.True(levels[i] <= levels[i - 1] + 1, $"heading h{levels[i]} follows h{levels[i - 1]} (position {i})");
    }
}
