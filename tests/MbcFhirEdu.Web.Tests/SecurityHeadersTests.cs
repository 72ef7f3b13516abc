using System.Net;
using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests;

/// <summary>Every page carries the security headers, may be framed only by configured portals, and has no script.</summary>
public sealed class SecurityHeadersTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    [Fact]
    public async Task EveryKindOfPage_HasTheHeaders_AndNoScript()
    {
        var browser = factory.NewBrowser();
        await Launches.AsPatientAsync(browser, "her2-low-ihc1-akt1");
        string[] urls = ["/", "/app", "/app/print", "/app/materials/her2-low", "/materials/en/her2-low", "/materials/es", "/launch", "/app?patient=x"];

        foreach (var url in urls)
        {
            var response = await browser.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));

            Assert.Contains("default-src 'self'", csp);
            Assert.Contains("script-src 'none'", csp);
            Assert.Contains("frame-ancestors 'self' http://localhost:5090", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            Assert.False(response.Headers.Contains("X-Frame-Options"), url);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" style=\"", html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task FrameAncestors_ComeFromConfiguration()
    {
        await using var configured = WebAppFactory.With(new Dictionary<string, string?>
        {
            ["Web:FrameAncestors:0"] = "https://portal.example.org",
            ["Web:FrameAncestors:1"] = "https://*.ehr.example.net",
        });

        var response = await configured.NewBrowser().GetAsync("/");

        Assert.EndsWith("frame-ancestors https://portal.example.org https://*.ehr.example.net",
            string.Join(' ', response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task FrameAncestorThatCouldRewriteThePolicy_StopsTheAppAtStart()
    {
        await using var configured = WebAppFactory.With(new Dictionary<string, string?>
        {
            ["Web:FrameAncestors:0"] = "https://a.example; script-src *",
        });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => configured.NewBrowser().GetAsync("/"));

        Assert.Contains("Web:FrameAncestors:0", error.ToString());
    }

    [Fact]
    public async Task TheConsolesPages_LetFormsLeadToEntraId_ForItsSignOutRedirect_AndNoOtherPageDoes()
    {
        await using var configured = WebAppFactory.With(new Dictionary<string, string?>
        {
            ["Entra:Console:Instance"] = "https://login.microsoftonline.com/",
            ["Entra:Console:TenantId"] = "7d3b0a52-1c4e-4f6a-8b9c-0d1e2f3a4b5c",
            ["Entra:Console:ClientId"] = "4f8e2c1a-0000-4000-8000-000000000001",
            ["Entra:Console:ClientSecret"] = "console-secret-0123456789",
            ["Entra:Console:RequireHttpsMetadata"] = "true",
        });
        var browser = configured.NewBrowser();

        static string Csp(HttpResponseMessage response) => string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        // The console's pages (the sign-out form is on each): Chrome follows the form's redirect to the end-session endpoint.
        Assert.Contains("form-action 'self' https://login.microsoftonline.com;", Csp(await browser.GetAsync("/console/signed-out")));
        // The SMART pages' forms (sign-out, the workspace's send) post to the app and are answered by it: 'self' only.
        foreach (var url in new[] { "/", "/logout", "/app" })
            Assert.Contains("form-action 'self';", Csp(await browser.GetAsync(url)));

        // Without a console registration no page names another origin.
        await using var off = WebAppFactory.With(new Dictionary<string, string?> { ["Entra:Console:ClientId"] = "" });
        Assert.Contains("form-action 'self';", Csp(await off.NewBrowser().GetAsync("/console/signed-out")));
    }

    [Fact]
    public async Task PhiAndSecrets_StayOutOfTheLogs()
    {
        await using var logged = new WebAppFactory();
        var browser = logged.NewBrowser();
        await Launches.AsPatientAsync(browser, "her2-low-ihc1-akt1");
        await Launches.AsClinicianAsync(logged.NewBrowser(), "spanish-bone-eye");

        var lines = string.Join('\n', logged.Logs.Lines);

        Assert.Contains("Patient page:", lines);
        foreach (var secret in new[] { "Imogen", "Saltmarsh", "1962-07-30", "her2-low-ihc1-akt1", "spanish-bone-eye", "Almendral", browser.Cookies["mbcedu-session"] })
            Assert.DoesNotContain(secret, lines);
    }

    [Fact]
    public async Task SandboxTurnedOff_IsNotHosted_AndHomeListsNoPatients()
    {
        await using var production = WebAppFactory.With(new Dictionary<string, string?> { ["Sandbox:Enabled"] = "false" });
        var browser = production.NewBrowser();

        var html = await browser.GetHtmlAsync("/");
        var sandbox = await browser.GetAsync("/sandbox/patients");

        Assert.DoesNotContain("data-patient", html);
        Assert.Equal(HttpStatusCode.NotFound, sandbox.StatusCode);
    }
}
