using System.Net;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Sandbox;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Web.Tests;

/// <summary>The session's access token is refreshed before it is used after expiry, and once after a FHIR 401.</summary>
public sealed class TokenLifecycleTests
{
    [Fact]
    public async Task ExpiredAccessToken_IsRefreshed_AndThePageStillLoads()
    {
        var clock = new ManualClock();
        // An idle lifetime longer than the wait, so the session itself is still live when its access token is not.
        await using var factory = new WebAppFactory { Clock = clock }.WithSetting("Smart:SessionIdleLifetime", "03:00:00");
        var browser = factory.NewBrowser();
        await Launches.AsPatientAsync(browser, "her2-low-ihc1-akt1");
        var before = await SessionAsync(factory, browser);

        clock.Advance(TimeSpan.FromHours(2)); // past the sandbox's one-hour access token
        var html = await browser.GetHtmlAsync("/app");

        var after = await SessionAsync(factory, browser);
        Assert.NotEqual(before.AccessToken, after.AccessToken);
        Assert.True(after.AccessTokenExpiresAt > clock.GetUtcNow());
        Assert.Contains("her2-low", Html.MaterialIds(html));
        Assert.DoesNotContain("could not load", html);
    }

    [Fact]
    public async Task FhirServerAnswering401_IsRefreshedOnce_AndThePageLoadsComplete()
    {
        await using var factory = new WebAppFactory();
        var browser = factory.NewBrowser();
        await Launches.AsPatientAsync(browser, "her2-low-ihc1-akt1");
        var before = await SessionAsync(factory, browser);
        var faults = factory.Services.GetRequiredService<SandboxFaults>();

        faults.FailNext(1, 401);
        var response = await browser.GetAsync("/app");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, faults.InjectedFailures);
        Assert.NotEqual(before.AccessToken, (await SessionAsync(factory, browser)).AccessToken);
        Assert.Contains("her2-low", Html.MaterialIds(html));
        Assert.DoesNotContain("could not load", html);
        Assert.Contains("6 requests, critical path 1", string.Join(' ', response.Headers.GetValues("Server-Timing")));
    }

    [Fact]
    public async Task SessionTheEhrNoLongerAccepts_AsksToLaunchAgain()
    {
        await using var factory = new WebAppFactory();
        var browser = factory.NewBrowser();
        await Launches.AsPatientAsync(browser, "her2-low-ihc1-akt1");
        var store = factory.Services.GetRequiredService<ITokenSessionStore>();
        var id = browser.SessionId;
        var session = await SessionAsync(factory, browser);
        await store.SaveAsync(id, session with { AccessToken = "revoked", RefreshToken = null }, CancellationToken.None);

        var html = await browser.GetHtmlAsync("/app", HttpStatusCode.Unauthorized);

        Assert.Contains("Please open the app again", html);
    }

    private static async Task<SmartSession> SessionAsync(WebAppFactory factory, Browser browser) =>
        await factory.Services.GetRequiredService<ITokenSessionStore>().GetAsync(browser.SessionId, CancellationToken.None)
        ?? throw new InvalidOperationException("no session");
}
