using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests;

/// <summary>A clinician opens the app from the patient's chart (fhirUser is a Practitioner): the clinician view.</summary>
public sealed class ClinicianLaunchTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    [Fact]
    public async Task ChartLaunch_ShowsTheClinicianViewWithEvidenceResourceIds()
    {
        var html = await Launches.AsClinicianAsync(factory.NewBrowser(), "her2-low-ihc1-akt1");
        var ids = Html.MaterialIds(html);

        Assert.Contains("Education materials for this patient", html);
        Assert.Contains("Clinical profile read from the record", html);
        Assert.Contains("her2-low", ids);
        Assert.DoesNotContain("her2-positive", ids);
        Assert.Contains("<code>Condition/", html);
        Assert.Contains("<code>Observation/", html);
        Assert.Contains("Evidence for HER2-low", html);
        Assert.Contains("<dt>ER / PR / HER2</dt><dd>positive / ", html);
    }

    [Fact]
    public async Task ChartLaunch_NamesThePatientInABanner_AndHasNoCareTeamSection()
    {
        // need_patient_banner=false is for a real EHR frame; opened on its own, the clinician view says whose record it is.
        var html = await Launches.AsClinicianAsync(factory.NewBrowser(), "her2-positive-brain");

        Assert.Equal("Colette Vantreese", Html.BannerName(html));
        Assert.Contains("<time datetime=\"1980-02-11\">1980-02-11</time>", html);
        Assert.DoesNotContain("From your care team", html);
    }

    [Fact]
    public async Task ChartLaunch_ShowsReadingWarningsSection()
    {
        var html = await Launches.AsClinicianAsync(factory.NewBrowser(), "m1-only-her2-equivocal");

        Assert.Contains("Reading warnings", html);
        Assert.Contains("<dt>Metastatic</dt><dd>yes</dd>", html);
    }

    [Fact]
    public async Task ChartLaunch_ShowsEveryMaterialCompactly_WithTheTextOneClickAway_EvenWhenUrgent()
    {
        // Issue 20: a clinician scans what was chosen and why; the leaflets' text stays closed (the patient's stays open).
        var html = await Launches.AsClinicianAsync(factory.NewBrowser(), "her2-positive-brain");
        var ids = Html.MaterialIds(html);

        Assert.Equal("signs-that-need-help-now", ids[0]);
        Assert.Contains("class=\"card urgent\"", html);
        Assert.Equal(ids.Count, Html.Count(html, "<details>"));
        Assert.DoesNotContain("<details open", html);
        Assert.Contains("Evidence for", html);
    }
}
