using System.Text.RegularExpressions;
using MbcFhirEdu.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MbcFhirEdu.EndToEnd.Tests;

/// <summary>
/// The product's main use: the app inside an iframe of a patient portal on another site (docs/web-app.md, "Embedded in a
/// portal"). The app runs on http://127.0.0.1:PORT; the portal page (<see cref="PortalServer"/>) on http://localhost:PORT2,
/// listed in Web:FrameAncestors by <see cref="WebAppProcess"/> — another site, so every
/// cookie the app sets inside the frame is a third-party cookie. Chromium runs with its third-party-cookie phase-out
/// switched on: the launch, the materials page and the print view work only because the app's cookies are
/// SameSite=None, Secure and Partitioned. A portal origin not in Web:FrameAncestors is refused by the browser.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class CrossSiteIframeInChromiumTests(BrowserFixture fixture)
{

    [Fact]
    public async Task PortalLaunchInACrossSiteIframe_ShowsTheMaterials_AndThePrintView_WithThirdPartyCookiesPhasedOut()
    {
        await using var browser = await fixture.LaunchBrowserAsync("--test-third-party-cookie-phaseout");
        var context = await browser.NewContextAsync();
        var launch = new Uri(fixture.App.BaseAddress,
            $"sandbox/launch-portal?patient=de-novo-bone-pik3ca&app={Uri.EscapeDataString(new Uri(fixture.App.BaseAddress, "launch").AbsoluteUri)}");
        using var portal = new PortalServer(launch, fixture.App.PortalPort);
        var page = await context.NewPageAsync();

        await page.GotoAsync(portal.Origin + "/portal.html");
        var frame = await AppFrameAsync(page);
        await FollowLaunchAsync(frame);

        var ids = await frame.Locator("article[data-material]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.material)");
        Assert.Equal("signs-that-need-help-now", ids[0]);
        Assert.Contains("bone-metastases", ids);
        Assert.StartsWith(portal.Origin, page.Url, StringComparison.Ordinal); // still the portal's page around the app

        // The cookies the app set are the frame's own (third-party) cookies, the only kind the phase-out lets through.
        var cookies = await context.CookiesAsync([fixture.App.BaseAddress.AbsoluteUri]);
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.True(c.SameSite == SameSiteAttribute.None && c.Secure, $"{c.Name} is not SameSite=None; Secure"));

        // The print view from there, in the same frame and session.
        await frame.Locator("a[href*='/print']").First.ClickAsync();
        await frame.WaitForURLAsync(PrintPage());
        Assert.Contains("bone-metastases", await frame.Locator("article[data-material]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.material)"));
        Assert.Equal("print-view", await frame.Locator("body").GetAttributeAsync("class"));
    }

    [Fact]
    public async Task AFrameOnAPortalNotInFrameAncestors_IsRefusedByTheBrowser_WhileTheListedPortalShowsTheApp()
    {
        var context = await fixture.Browser.NewContextAsync();
        using var listed = new PortalServer(fixture.App.BaseAddress, fixture.App.PortalPort);
        using var other = new PortalServer(fixture.App.BaseAddress);
        var page = await context.NewPageAsync();

        await page.GotoAsync(listed.Origin + "/portal.html");
        var shown = await AppFrameAsync(page);
        await shown.Locator("li[data-patient]").First.WaitForAsync();

        await page.GotoAsync(other.Origin + "/portal.html");
        var refused = await AppFrameAsync(page);
        await refused.WaitForLoadStateAsync(LoadState.Load);
        // Chromium replaces a frame that frame-ancestors refuses with its own error page: nothing of the app is shown.
        Assert.StartsWith("chrome-error://", refused.Url, StringComparison.Ordinal);
        Assert.Equal(0, await refused.Locator("li[data-patient]").CountAsync());
    }

    private static async Task<IFrame> AppFrameAsync(IPage page)
    {
        var element = await page.WaitForSelectorAsync("iframe#app");
        return (await element!.ContentFrameAsync())!;
    }

    /// <summary>sandbox portal launch → /launch → sandbox authorize (consent, when it asks) → /callback → /app/l/{ctx}, all inside the frame.</summary>
    private static async Task FollowLaunchAsync(IFrame frame)
    {
        await frame.WaitForURLAsync(AuthorizeOrApp(), new FrameWaitForURLOptions { Timeout = 60_000 });
        var allow = frame.GetByRole(AriaRole.Button, new FrameGetByRoleOptions { Name = "Allow and continue" });
        if (frame.Url.Contains("/sandbox/auth/authorize", StringComparison.Ordinal) && await allow.CountAsync() > 0) await allow.ClickAsync();
        await frame.WaitForURLAsync(AppPage(), new FrameWaitForURLOptions { Timeout = 60_000 });
        await frame.Locator("article[data-material]").First.WaitForAsync();
    }

    [GeneratedRegex(@"^http://127\.0\.0\.1:\d+/(sandbox/auth/authorize|app/l/)")]
    private static partial Regex AuthorizeOrApp();

    [GeneratedRegex(@"^http://127\.0\.0\.1:\d+/app/l/[A-Za-z0-9_-]{43}(\?.*)?$")]
    private static partial Regex AppPage();

    [GeneratedRegex(@"^http://127\.0\.0\.1:\d+/app/l/[A-Za-z0-9_-]{43}/print(\?.*)?$")]
    private static partial Regex PrintPage();
}
