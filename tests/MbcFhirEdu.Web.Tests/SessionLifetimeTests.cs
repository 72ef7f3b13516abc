using System.Net;
using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests;

/// <summary>
/// Session lifetimes and cookie values (docs/web-app.md, Sessions): every cookie value is issued by the server and a
/// new browser key comes with every login (a planted value is never adopted, and the previous value dies), a launch
/// ends when unused for the idle lifetime or at its absolute lifetime, and a browser keeps a bounded number of launches.
/// </summary>
public sealed class SessionLifetimeTests
{
    private const string First = "her2-positive-brain";     // Colette Vantreese
    private const string Second = "her2-low-ihc1-akt1";     // Imogen Saltmarsh
    private const string Third = "male-brca2-bone-nodes";
    private const string Planted = "AttackerChosenValueAttackerChosenValue12345";

    [Fact]
    public async Task SecondLaunch_IssuesANewBrowserKey_TheOldValueOpensNothing_AndTheFirstTabKeepsItsPatient()
    {
        await using var factory = new WebAppFactory();
        var browser = factory.NewBrowser();
        var first = Html.AppPath(await Launches.AsClinicianAsync(browser, First));
        var oldKey = browser.Cookies["mbcedu-session"];
        var second = Html.AppPath(await Launches.AsClinicianAsync(browser, Second));
        var newKey = browser.Cookies["mbcedu-session"];

        Assert.NotEqual(oldKey, newKey);
        Assert.Equal("Colette Vantreese", Html.BannerName(await browser.GetHtmlAsync(first)));
        Assert.Equal("Imogen Saltmarsh", Html.BannerName(await browser.GetHtmlAsync(second)));
        var oldCopy = factory.NewBrowser();
        oldCopy.SetCookie("mbcedu-session", oldKey);
        oldCopy.SetCookie("mbcedu-context", browser.Cookies["mbcedu-context"]);
        foreach (var url in new[] { first, second, "/app" })
            await oldCopy.GetHtmlAsync(url, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PlantedBrowserKey_IsNotAdopted_SoWhoeverPlantedItCannotOpenTheVictimsLaunch()
    {
        await using var factory = new WebAppFactory();
        var victim = factory.NewBrowser();
        victim.SetCookie("mbcedu-session", Planted);
        var launch = Html.AppPath(await Launches.AsClinicianAsync(victim, First));

        Assert.NotEqual(Planted, victim.Cookies["mbcedu-session"]);
        var attacker = factory.NewBrowser();
        attacker.SetCookie("mbcedu-session", Planted);
        var html = await attacker.GetHtmlAsync(launch, HttpStatusCode.Unauthorized);
        Assert.DoesNotContain("Colette", html);
    }

    [Fact]
    public async Task PlantedBindingCookie_IsNotAdopted_SoAnAttackersPendingLaunchCannotFinishInTheVictimsBrowser()
    {
        await using var factory = new WebAppFactory();
        // The attacker starts a launch for a patient of theirs with a binding value of their choosing and stops before
        // the callback; the victim's browser was given the same value and is sent to the attacker's callback address.
        var attacker = factory.NewBrowser();
        attacker.SetCookie("mbcedu-launch", Planted);
        var callback = await Launches.UntilCallbackAsync(attacker, Launches.PortalUrl(Second));
        var victim = factory.NewBrowser();
        victim.SetCookie("mbcedu-launch", Planted);

        var html = await victim.GetHtmlAsync(callback.PathAndQuery, HttpStatusCode.BadRequest);

        Assert.Contains("another browser session", html);
        Assert.False(victim.Cookies.ContainsKey("mbcedu-session"));
        Assert.DoesNotContain(attacker.SetCookieHeaders, h => h.Contains(Planted, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoLaunchesBegunSideBySide_InOneBrowser_BothFinish()
    {
        await using var factory = new WebAppFactory();
        var browser = factory.NewBrowser();
        var firstCallback = await Launches.UntilCallbackAsync(browser, Launches.ChartUrl(First));
        var secondCallback = await Launches.UntilCallbackAsync(browser, Launches.ChartUrl(Second));

        var second = await browser.GetHtmlAsync(secondCallback.PathAndQuery);
        var first = await browser.GetHtmlAsync(firstCallback.PathAndQuery);

        Assert.Equal("Imogen Saltmarsh", Html.BannerName(second));
        Assert.Equal("Colette Vantreese", Html.BannerName(first));
        Assert.Equal("Imogen Saltmarsh", Html.BannerName(await browser.GetHtmlAsync(Html.AppPath(second))));
        Assert.DoesNotContain(browser.Cookies.Keys, name => name.StartsWith("mbcedu-launch", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnusedLaunch_AfterItsIdleLifetime_AsksToOpenTheAppAgain_WhileUseKeepsItAlive()
    {
        var clock = new ManualClock();
        await using var factory = new WebAppFactory { Clock = clock };
        var browser = factory.NewBrowser();
        var used = Html.AppPath(await Launches.AsPatientAsync(browser, Second));
        var unused = Html.AppPath(await Launches.AsPatientAsync(browser, First));

        for (var view = 0; view < 3; view++)
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Contains("her2-low", Html.MaterialIds(await browser.GetHtmlAsync(used)));
        }
        var ended = await browser.GetHtmlAsync(unused, HttpStatusCode.Unauthorized);
        clock.Advance(TimeSpan.FromMinutes(31));
        var endedToo = await browser.GetHtmlAsync(used, HttpStatusCode.Unauthorized);

        foreach (var html in new[] { ended, endedToo })
        {
            Assert.Contains("Please open the app again", html);
            Assert.Contains("from your health record or patient portal", html);
        }
    }

    [Fact]
    public async Task LaunchInUse_EndsAtItsAbsoluteLifetime()
    {
        var clock = new ManualClock();
        await using var factory = new WebAppFactory { Clock = clock }.WithSetting("Smart:SessionLifetime", "01:00:00");
        var browser = factory.NewBrowser();
        var app = Html.AppPath(await Launches.AsPatientAsync(browser, Second));

        clock.Advance(TimeSpan.FromMinutes(25));
        await browser.GetHtmlAsync(app);
        clock.Advance(TimeSpan.FromMinutes(25));
        await browser.GetHtmlAsync(app);
        clock.Advance(TimeSpan.FromMinutes(11));

        Assert.Contains("Please open the app again", await browser.GetHtmlAsync(app, HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task BeyondMaxSessionsPerBrowser_TheOldestLaunchEnds()
    {
        await using var factory = new WebAppFactory().WithSetting("Smart:MaxSessionsPerBrowser", "2");
        var browser = factory.NewBrowser();
        var first = Html.AppPath(await Launches.AsClinicianAsync(browser, First));
        var second = Html.AppPath(await Launches.AsClinicianAsync(browser, Second));
        var third = Html.AppPath(await Launches.AsClinicianAsync(browser, Third));

        await browser.GetHtmlAsync(first, HttpStatusCode.Unauthorized);
        Assert.Equal("Imogen Saltmarsh", Html.BannerName(await browser.GetHtmlAsync(second)));
        Assert.NotNull(Html.BannerName(await browser.GetHtmlAsync(third)));
    }
}
