using System.Net;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Web.Tests;

/// <summary>Launches and callbacks the app must refuse, and what it must not do when it refuses.</summary>
public sealed class LaunchRejectionTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    private const string SessionCookie = "mbcedu-session";

    [Fact]
    public async Task UnknownIssuer_Is400_AndNothingIsFetched()
    {
        var browser = factory.NewBrowser();
        await browser.GetAsync("/health/live"); // the server is up before counting
        var outboundBefore = factory.OutboundRequests;
        var attemptsBefore = factory.Services.GetRequiredService<FhirRequestCounter>().Attempts;

        var response = await browser.GetAsync("/launch?iss=" + Uri.EscapeDataString("https://evil.example.org/fhir") + "&launch=abc");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not one we know", html);
        Assert.Equal(outboundBefore, factory.OutboundRequests);
        Assert.Equal(attemptsBefore, factory.Services.GetRequiredService<FhirRequestCounter>().Attempts);
        Assert.Empty(browser.Cookies);
    }

    [Theory]
    [InlineData("/launch")]
    [InlineData("/launch?launch=abc")]
    public async Task LaunchWithoutIss_Is400(string url)
    {
        var response = await factory.NewBrowser().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Launch_SetsAnHttpOnlySecurePartitionedBindingCookie_AndRedirectsToTheAuthorizeEndpoint()
    {
        var browser = factory.NewBrowser();

        var callback = await Launches.UntilCallbackAsync(browser, Launches.PortalUrl("her2-low-ihc1-akt1"));

        var header = Assert.Single(browser.SetCookieHeaders, h => h.StartsWith("mbcedu-launch-", StringComparison.Ordinal));
        Assert.Contains("httponly", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=none", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Partitioned", header, StringComparison.Ordinal);
        Assert.Contains("state=", callback.Query);
    }

    [Fact]
    public async Task Callback_SetsOnlyOpaqueCookies_AndRedirectsToTheLaunchsOwnAddress()
    {
        var browser = factory.NewBrowser();
        var callback = await Launches.UntilCallbackAsync(browser, Launches.PortalUrl("her2-low-ihc1-akt1"));

        var response = await browser.GetAsync(callback.AbsoluteUri);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location?.OriginalString ?? "";
        Assert.Matches("^/app/l/[A-Za-z0-9_-]{43}$", location);
        var contextId = location["/app/l/".Length..];
        var header = Assert.Single(browser.SetCookieHeaders, h => h.StartsWith(SessionCookie + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Partitioned", header, StringComparison.Ordinal);
        var browserKey = browser.Cookies[SessionCookie];
        Assert.Matches("^[A-Za-z0-9_-]{43}$", browserKey);
        var sessions = factory.Services.GetRequiredService<ITokenSessionStore>();
        // Neither the cookie nor the address is a session key; the key derived from the address gives the session out
        // only with the browser key that owns it.
        var sessionKey = MbcFhirEdu.Web.Features.Launch.LaunchContext.SessionKey(contextId);
        Assert.Null(await sessions.GetAsync(browserKey, CancellationToken.None));
        Assert.Null(await sessions.GetAsync(contextId, CancellationToken.None));
        Assert.Null(await sessions.GetForBrowserAsync(sessionKey, new string('A', 43), CancellationToken.None));
        var session = await sessions.GetForBrowserAsync(sessionKey, browserKey, CancellationToken.None);
        Assert.NotNull(session);
        Assert.NotEqual(session.AccessToken, browserKey);
        Assert.Equal("her2-low-ihc1-akt1", session.PatientId);
    }

    [Fact]
    public async Task UnknownState_Is400_AndNoTokenRequestIsMade()
    {
        var browser = factory.NewBrowser();
        await Launches.UntilCallbackAsync(browser, Launches.PortalUrl("her2-low-ihc1-akt1"));
        var before = factory.OutboundRequests;

        var html = await browser.GetHtmlAsync("/callback?code=abc&state=" + new string('A', 43), HttpStatusCode.BadRequest);

        Assert.Contains("not started by this app", html);
        Assert.Equal(before, factory.OutboundRequests);
        Assert.False(browser.Cookies.ContainsKey(SessionCookie));
    }

    [Fact]
    public async Task ReplayedCallback_Is400()
    {
        var browser = factory.NewBrowser();
        var callback = await Launches.UntilCallbackAsync(browser, Launches.PortalUrl("her2-low-ihc1-akt1"));
        await browser.GetHtmlAsync(callback.AbsoluteUri);
        browser.ForgetCookie(SessionCookie);

        var html = await browser.GetHtmlAsync(callback.AbsoluteUri, HttpStatusCode.BadRequest);

        Assert.Contains("already used", html);
        Assert.False(browser.Cookies.ContainsKey(SessionCookie));
    }

    [Fact]
    public async Task CallbackInAnotherBrowser_Is400()
    {
        var callback = await Launches.UntilCallbackAsync(factory.NewBrowser(), Launches.PortalUrl("her2-low-ihc1-akt1"));
        var otherBrowser = factory.NewBrowser();

        var html = await otherBrowser.GetHtmlAsync(callback.AbsoluteUri, HttpStatusCode.BadRequest);

        Assert.Contains("another browser session", html);
        Assert.False(otherBrowser.Cookies.ContainsKey(SessionCookie));
    }

    [Fact]
    public async Task ErrorFromTheAuthorizationServer_ForThisBrowsersLaunch_ShowsItsTextEncoded_AndEndsTheLaunch()
    {
        var browser = factory.NewBrowser();
        var callback = await Launches.UntilCallbackAsync(browser, Launches.PortalUrl("her2-low-ihc1-akt1"));
        var state = System.Web.HttpUtility.ParseQueryString(callback.Query)["state"];

        var html = await browser.GetHtmlAsync(
            $"/callback?error=access_denied&state={Uri.EscapeDataString(state!)}&error_description=" + Uri.EscapeDataString("<script>alert(1)</script>"), HttpStatusCode.BadRequest);

        Assert.Contains("Access to your health record was not allowed", html);
        Assert.Contains("The health record said: &lt;script&gt;", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        // The error ended that launch: its code can no longer complete it.
        Assert.Contains("already used", await browser.GetHtmlAsync(callback.AbsoluteUri, HttpStatusCode.BadRequest));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("made-up-state")]
    [InlineData("another-browsers-state")]
    public async Task ErrorDescription_WithoutThisBrowsersState_IsNotShown(string? state)
    {
        if (state == "another-browsers-state")
        {
            var callback = await Launches.UntilCallbackAsync(factory.NewBrowser(), Launches.PortalUrl("her2-low-ihc1-akt1"));
            state = System.Web.HttpUtility.ParseQueryString(callback.Query)["state"];
        }
        var query = "/callback?error=access_denied&error_description=" + Uri.EscapeDataString("Call 555-0100 and give your password")
            + (state is null ? "" : "&state=" + Uri.EscapeDataString(state));

        var html = await factory.NewBrowser().GetHtmlAsync(query, HttpStatusCode.BadRequest);

        Assert.Contains("Access to your health record was not allowed", html);
        Assert.DoesNotContain("555-0100", html);
        Assert.DoesNotContain("The health record said", html);
    }

    [Fact]
    public async Task StandaloneLaunch_WithIssAlone_SignsThePatientInAtTheEhr()
    {
        var browser = factory.NewBrowser();
        var (signIn, authorizeUrl) = await browser.FollowAsync("/launch?iss=" + Uri.EscapeDataString(WebAppFactory.Issuer));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("launch%2Fpatient", authorizeUrl.Query);

        // The sandbox's sign-in page picks a patient with sandbox_pick, as its form would.
        var (page, _) = await browser.FollowAsync(authorizeUrl.AbsoluteUri + "&sandbox_pick=" + Uri.EscapeDataString("Patient/her2-positive-brain"));
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("her2-positive", Html.MaterialIds(html));
    }
}
