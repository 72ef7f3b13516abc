using System.Text.RegularExpressions;
using MbcFhirEdu.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MbcFhirEdu.EndToEnd.Tests;

/// <summary>
/// One launch, one tab (DESIGN.md), in headless chromium: a clinician opens two patients from the chart in two tabs of
/// one browser (one cookie jar). The first tab, reloaded and clicked through after the second launch, still shows the
/// first patient: the launch is bound to the address it ended on, not only to the browser-wide cookie. Signing out in
/// one tab ends the launches of both.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class TwoLaunchesInTwoTabsInChromiumTests(BrowserFixture fixture)
{
    [Fact]
    public async Task TwoChartLaunchesInTwoTabs_EachTabKeepsItsOwnPatient_AfterReloadAndAClick()
    {
        await using var context = await fixture.NewContextAsync();
        var first = await context.NewPageAsync();
        await Launch.ClickThroughAsync(first, "her2-positive-brain", Launch.Chart);
        Assert.Equal("Colette Vantreese", await BannerNameAsync(first));
        var firstAddress = first.Url;

        var second = await context.NewPageAsync();
        await Launch.ClickThroughAsync(second, "her2-low-ish-neg-skin", Launch.Chart);
        Assert.Equal("Philippa Oddington", await BannerNameAsync(second));
        Assert.NotEqual(LaunchPath(firstAddress), LaunchPath(second.Url));
        Assert.DoesNotContain("her2-positive", await MaterialIdsAsync(second));

        // The first tab after the second launch: reload, then follow its print link and a material link.
        await first.ReloadAsync();
        Assert.Equal("Colette Vantreese", await BannerNameAsync(first));
        Assert.Contains("her2-positive", await MaterialIdsAsync(first));
        await first.Locator("nav a[href*='/print']").ClickAsync();
        await first.WaitForURLAsync(new Regex("/print"));
        Assert.Equal(LaunchPath(firstAddress), LaunchPath(first.Url));
        Assert.Equal("Colette Vantreese", await BannerNameAsync(first));
        Assert.Contains("her2-positive", await MaterialIdsAsync(first));

        await first.GoBackAsync();
        await first.Locator("article[data-material='her2-positive'] summary").ClickAsync();
        await first.Locator("article[data-material='her2-positive'] details a[href*='/materials/her2-positive']").ClickAsync();
        await first.WaitForURLAsync(new Regex("/materials/her2-positive"));
        Assert.Equal(LaunchPath(firstAddress), LaunchPath(first.Url));
        Assert.Equal("Colette Vantreese", await BannerNameAsync(first));

        // And the second tab still shows its own patient.
        await second.ReloadAsync();
        Assert.Equal("Philippa Oddington", await BannerNameAsync(second));
    }

    [Fact]
    public async Task SigningOutInOneTab_EndsBothTabsLaunches()
    {
        await using var context = await fixture.NewContextAsync();
        var first = await context.NewPageAsync();
        await Launch.ClickThroughAsync(first, "her2-positive-brain", Launch.Chart);
        var second = await context.NewPageAsync();
        await Launch.ClickThroughAsync(second, "her2-low-ish-neg-skin", Launch.Chart);
        Assert.Equal("Philippa Oddington", await BannerNameAsync(second));

        // The link opens a page with one button; only the button (a POST with its antiforgery token) signs out.
        await first.Locator("nav a[href='/logout']").ClickAsync();
        await first.WaitForURLAsync(new Regex("/logout$"));
        await first.Locator("form[action='/logout'] button[type=submit]").ClickAsync();
        await first.Locator("h1", new() { HasText = "You are signed out" }).WaitForAsync();

        var reloaded = await second.ReloadAsync();
        Assert.Equal(401, reloaded!.Status);
        Assert.Equal("Please open the app again", await second.Locator("h1").InnerTextAsync());
        Assert.Equal(0, await second.Locator("section.patient-banner").CountAsync());
    }

    private static Task<string> BannerNameAsync(IPage page) => page.Locator("section.patient-banner strong").InnerTextAsync();

    private static async Task<IReadOnlyList<string>> MaterialIdsAsync(IPage page) =>
        [.. (await page.Locator("article[data-material]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.material)"))];

    private static string LaunchPath(string url) => LaunchId().Match(url) is { Success: true } m ? m.Value
        : throw new Xunit.Sdk.XunitException($"{url} names no launch");

    [GeneratedRegex("/app/l/[A-Za-z0-9_-]{43}")]
    private static partial Regex LaunchId();
}
