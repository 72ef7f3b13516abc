using System.Net;
using System.Text.RegularExpressions;
using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests;

/// <summary>
/// One launch, one tab (DESIGN.md): each launch ends on its own address (/app/l/{ctx}, /coordinator/l/{ctx}), which only
/// the browser that launched it can open, and every link of that view keeps the launch; a later launch in the same
/// browser never changes what an earlier launch's address shows.
/// </summary>
public sealed partial class LaunchContextTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    private const string First = "her2-positive-brain";     // Colette Vantreese, born 1980-02-11
    private const string Second = "her2-low-ihc1-akt1";     // Imogen Saltmarsh, born 1962-07-30

    [Fact]
    public async Task SecondLaunch_InTheSameBrowser_LeavesTheFirstLaunchsAddressesOnTheFirstPatient()
    {
        var browser = factory.NewBrowser();
        var first = Html.AppPath(await Launches.AsClinicianAsync(browser, First));
        var secondPage = await Launches.AsClinicianAsync(browser, Second);
        var second = Html.AppPath(secondPage);
        Assert.NotEqual(first, second);
        Assert.Equal("Imogen Saltmarsh", Html.BannerName(secondPage));

        var reloaded = await browser.GetHtmlAsync(first);
        Assert.Equal("Colette Vantreese", Html.BannerName(reloaded));
        Assert.Contains("her2-positive", Html.MaterialIds(reloaded));
        Assert.DoesNotContain("Imogen", reloaded);
        // Every app link of the first tab (language, print, each material) names the first launch.
        var links = AppLinks(reloaded);
        Assert.NotEmpty(links);
        Assert.All(links, link => Assert.StartsWith(first, link, StringComparison.Ordinal));

        var print = await browser.GetHtmlAsync(links.First(l => l.Contains("/print", StringComparison.Ordinal)));
        Assert.Equal("Colette Vantreese", Html.BannerName(print));
        var material = await browser.GetHtmlAsync(links.First(l => l.Contains("/materials/", StringComparison.Ordinal)));
        Assert.Equal("Colette Vantreese", Html.BannerName(material));
        Assert.All(AppLinks(material), link => Assert.StartsWith(first, link, StringComparison.Ordinal));
        Assert.Equal("Imogen Saltmarsh", Html.BannerName(await browser.GetHtmlAsync(second)));
    }

    [Fact]
    public async Task AddressWithoutALaunch_ShowsThisBrowsersNewestLaunch_AndItsLinksNameThatLaunch()
    {
        var browser = factory.NewBrowser();
        await Launches.AsClinicianAsync(browser, First);
        var second = Html.AppPath(await Launches.AsClinicianAsync(browser, Second));

        var bookmark = await browser.GetHtmlAsync("/app");

        Assert.Equal("Imogen Saltmarsh", Html.BannerName(bookmark));
        Assert.All(AppLinks(bookmark), link => Assert.StartsWith(second, link, StringComparison.Ordinal));
    }

    [Fact]
    public async Task LaunchAddress_OpenedInAnotherBrowser_IsRefused()
    {
        var owner = factory.NewBrowser();
        var first = Html.AppPath(await Launches.AsClinicianAsync(owner, First));
        var stranger = factory.NewBrowser();
        await Launches.AsClinicianAsync(stranger, Second);

        foreach (var url in new[] { first, first + "/print", first + "/materials/her2-positive", first + "/theme.css" })
        {
            using var response = await stranger.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.DoesNotContain("Colette", body);
            Assert.DoesNotContain("Imogen", body); // never the stranger's own newest launch either
        }
        using var anonymous = await factory.NewBrowser().GetAsync(first);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Colette Vantreese", Html.BannerName(await owner.GetHtmlAsync(first)));
    }

    [Theory]
    [InlineData("/app/l/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/app/l/short")]
    [InlineData("/app/l/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/print")]
    [InlineData("/coordinator/l/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task LaunchAddress_ThisBrowserNeverOpened_IsRefused_NotAnsweredWithItsNewestLaunch(string url)
    {
        var browser = factory.NewBrowser();
        await Launches.AsClinicianAsync(browser, Second);

        using var response = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("Imogen", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ClinicianPages_ShowNameAndBirthDate_LeftOutOnlyInsideAFrameWhenTheEhrShowsItsOwn()
    {
        var browser = factory.NewBrowser();
        var page = await Launches.AsClinicianAsync(browser, Second); // the sandbox sends need_patient_banner=false
        var app = Html.AppPath(page);
        Assert.Equal("Imogen Saltmarsh", Html.BannerName(page));
        Assert.Contains("<time datetime=\"1962-07-30\">1962-07-30</time>", page);

        var framed = await ReadAsync(await browser.GetAsync(app, new Dictionary<string, string> { ["Sec-Fetch-Dest"] = "iframe" }));
        var topLevel = await ReadAsync(await browser.GetAsync(app, new Dictionary<string, string> { ["Sec-Fetch-Dest"] = "document" }));
        var framedMaterial = await ReadAsync(await browser.GetAsync(app + "/materials/her2-low", new Dictionary<string, string> { ["Sec-Fetch-Dest"] = "iframe" }));

        Assert.Null(Html.BannerName(framed));
        Assert.DoesNotContain("Imogen", framed);
        Assert.Equal("Imogen Saltmarsh", Html.BannerName(topLevel)); // the framed page kept in the cache is not reused here
        Assert.Null(Html.BannerName(framedMaterial));
    }

    [Fact]
    public async Task CoordinatorWorkspace_KeepsItsPatientAndBanner_AfterALaterLaunch()
    {
        var browser = factory.NewBrowser();
        var firstPage = await Launches.AsCoordinatorAsync(browser, First);
        var workspace = WorkspacePath(firstPage);
        Assert.Equal("Colette Vantreese", Html.BannerName(firstPage));
        Assert.Contains("<time datetime=\"1980-02-11\">1980-02-11</time>", firstPage);
        var secondPage = await Launches.AsCoordinatorAsync(browser, Second);
        Assert.Equal("Imogen Saltmarsh", Html.BannerName(secondPage));

        var again = await browser.GetHtmlAsync(workspace + "?lang=es");

        Assert.Equal("Colette Vantreese", Html.BannerName(again));
        Assert.Contains($"action=\"{workspace}/send\"", again);
        Assert.Contains($"href=\"{workspace}?lang=en\"", again);
        Assert.All(AppLinks(again), link => Assert.StartsWith("/app/l/", link, StringComparison.Ordinal));
        var material = AppLinks(again).First(l => l.Contains("/materials/", StringComparison.Ordinal));
        Assert.Equal("Colette Vantreese", Html.BannerName(await browser.GetHtmlAsync(material)));
    }

    [Fact]
    public async Task BannerNamesAndBirthDates_StayOutOfTheLogs()
    {
        await using var logged = new WebAppFactory();
        var browser = logged.NewBrowser();
        var app = Html.AppPath(await Launches.AsClinicianAsync(browser, First));
        await browser.GetHtmlAsync(app + "/print");
        await browser.GetHtmlAsync(app + "/materials/her2-positive");
        Assert.Equal("Imogen Saltmarsh", Html.BannerName(await Launches.AsCoordinatorAsync(browser, Second)));

        var lines = string.Join('\n', logged.Logs.Lines);

        Assert.Contains("Patient page:", lines);
        foreach (var secret in new[] { "Colette", "Vantreese", "1980-02-11", "Imogen", "Saltmarsh", "1962-07-30", browser.Cookies["mbcedu-session"], browser.SessionId })
            Assert.DoesNotContain(secret, lines);
    }

    private static async Task<string> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }
    }

    private static IReadOnlyList<string> AppLinks(string html) =>
        [.. AppHref().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))];

    private static string WorkspacePath(string html) => WorkspaceHref().Match(html) is { Success: true } m ? m.Groups[1].Value
        : throw new Xunit.Sdk.XunitException("the workspace carries no /coordinator/l/{ctx} link");

    // Every link or stylesheet into the launched app (not /css/site.css, /materials/… public pages or the sandbox).
    [GeneratedRegex("(?:href|action)=\"(/app[^\"]*)\"")]
    private static partial Regex AppHref();

    [GeneratedRegex("href=\"(/coordinator/l/[A-Za-z0-9_-]{43})\\?")]
    private static partial Regex WorkspaceHref();
}
