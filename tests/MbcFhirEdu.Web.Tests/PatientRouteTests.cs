using System.Net;
using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests;

/// <summary>The patient-facing routes show only the signed-in session's patient, and nothing without a session.</summary>
public sealed class PatientRouteTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    [Theory]
    [InlineData("/app?patient=her2-positive-brain")]
    [InlineData("/app?patientId=her2-positive-brain")]
    [InlineData("/app/print?PATIENT=her2-positive-brain")]
    [InlineData("/app/materials/her2-low?patient_id=x")]
    [InlineData("/app/theme.css?patient=x")]
    public async Task PatientInTheQueryString_Is400_EvenWithAValidSession(string url)
    {
        var browser = factory.NewBrowser();
        await Launches.AsPatientAsync(browser, "her2-low-ihc1-akt1");

        var response = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("Colette Vantreese", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/app")]
    [InlineData("/app/print")]
    [InlineData("/app/materials/her2-low")]
    [InlineData("/app/theme.css")]
    public async Task NoSession_Is401(string url)
    {
        var response = await factory.NewBrowser().GetAsync(url);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task MadeUpSessionCookie_Is401()
    {
        var browser = factory.NewBrowser();
        browser.SetCookie("mbcedu-session", new string('a', 43));

        var response = await browser.GetAsync("/app");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task PatientPages_AreNotCached()
    {
        var browser = factory.NewBrowser();
        await Launches.AsPatientAsync(browser, "her2-low-ihc1-akt1");

        var response = await browser.GetAsync("/app");

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }
}
