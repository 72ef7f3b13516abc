using System.Net;
using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests;

/// <summary>Pages without a session: the home page with the sandbox's patients, public materials, liveness.</summary>
public sealed class PublicPagesTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    [Fact]
    public async Task Home_ListsEverySandboxPatient_WithAPortalAndAChartLaunch()
    {
        var html = await factory.NewBrowser().GetHtmlAsync("/");

        Assert.Equal(18, Html.Count(html, "data-patient=\""));
        Assert.Equal(18, Html.Count(html, "Open as the patient (portal)"));
        Assert.Equal(18, Html.Count(html, "Open from the chart (clinician)"));
        Assert.Contains("/sandbox/launch-portal?patient=her2-low-ihc1-akt1&amp;app=http%3A%2F%2Flocalhost%2Flaunch", html);
        Assert.Contains("/sandbox/launch-ehr?patient=her2-low-ihc1-akt1&amp;practitioner=onc-halloway&amp;app=", html);
    }

    [Fact]
    public async Task HealthLive_IsOk()
    {
        var response = await factory.NewBrowser().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("OK", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PublicMaterial_IsServedInSpanish_WithoutLogin()
    {
        var html = await factory.NewBrowser().GetHtmlAsync("/materials/es/her2-low");

        Assert.Contains("<html lang=\"es\">", html);
        Assert.Contains("<article class=\"material\" lang=\"es\">", html);
        Assert.DoesNotContain("no está en su idioma", html);
    }

    [Fact]
    public async Task PublicMaterial_WithoutAnApprovedTranslation_IsTheEnglishOriginal_Marked()
    {
        // Production: the Spanish variant-esr1 is a draft, so the approved English original is served in its place.
        await using var production = WebAppFactory.With(new Dictionary<string, string?> { ["Content:IncludeDrafts"] = "false" });
        var html = await production.NewBrowser().GetHtmlAsync("/materials/es/variant-esr1");

        Assert.Contains("<html lang=\"es\">", html);
        Assert.Contains("<article class=\"material\" lang=\"en\">", html);
        Assert.Contains("Este material aún no está en su idioma; se muestra en inglés.", html);
    }

    [Theory]
    [InlineData("/materials/en/no-such-material")]
    [InlineData("/materials/fr/her2-low")]
    [InlineData("/materials/en/..%2Fsecrets")]
    [InlineData("/materials/de")]
    public async Task UnknownMaterialOrLanguage_Is404(string url)
    {
        var response = await factory.NewBrowser().GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task MaterialIndex_ListsEveryMaterial()
    {
        var html = await factory.NewBrowser().GetHtmlAsync("/materials/en");

        Assert.Contains("href=\"/materials/en/her2-low\"", html);
        Assert.Contains("href=\"/materials/en/bone-emergency-signs\"", html);
    }
}
