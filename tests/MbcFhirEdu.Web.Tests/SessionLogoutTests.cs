using System.Net;
using System.Text.RegularExpressions;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Tests.Shared;
using MbcFhirEdu.Web.Features.Launch;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Web.Tests;

/// <summary>
/// Sign-out (docs/web-app.md, Sessions): <c>POST /logout</c> with the form's antiforgery token ends every launch of this
/// browser in the shared store (so on every replica), deletes its tokens and cookies and says so; a GET or a post
/// without the token signs nobody out.
/// </summary>
public sealed partial class SessionLogoutTests(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>
{
    private const string First = "her2-positive-brain";     // Colette Vantreese
    private const string Second = "her2-low-ihc1-akt1";     // Imogen Saltmarsh

    [Fact]
    public async Task Logout_EndsEveryLaunchOfThisBrowser_DeletesItsTokensAndCookies_AndSaysSo()
    {
        await using var factory = new WebAppFactory();
        var browser = factory.NewBrowser();
        var first = Html.AppPath(await Launches.AsClinicianAsync(browser, First));
        var workspace = WorkspacePath(await Launches.AsCoordinatorAsync(browser, Second));
        var second = Html.AppPath(await Launches.AsPatientAsync(browser, Second));
        var neighbour = factory.NewBrowser();
        var neighbours = Html.AppPath(await Launches.AsPatientAsync(neighbour, First));
        var cookies = browser.Cookies.ToDictionary();
        var page = await browser.GetHtmlAsync(second);
        Assert.Contains("href=\"/logout\"", page);
        Assert.Contains("href=\"/logout\"", await browser.GetHtmlAsync(workspace));

        using var signedOut = await browser.PostFormAsync(LogoutEndpoints.Path, [FormToken(await browser.GetHtmlAsync(LogoutEndpoints.Path))]);

        Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);
        Assert.Contains("You are signed out", await signedOut.Content.ReadAsStringAsync());
        Assert.False(browser.Cookies.ContainsKey("mbcedu-session"));
        Assert.False(browser.Cookies.ContainsKey("mbcedu-context"));
        foreach (var url in new[] { first, second, workspace, "/app" })
            await browser.GetHtmlAsync(url, HttpStatusCode.Unauthorized);
        // Putting the old cookies back opens nothing either: the sessions, tokens included, are gone from the store.
        foreach (var (name, value) in cookies) browser.SetCookie(name, value);
        var revived = await browser.GetHtmlAsync(first, HttpStatusCode.Unauthorized);
        Assert.Contains("open this app again", revived, StringComparison.OrdinalIgnoreCase);
        await browser.GetHtmlAsync(second, HttpStatusCode.Unauthorized);
        var store = factory.Services.GetRequiredService<ITokenSessionStore>();
        foreach (var path in new[] { first, second, workspace })
            Assert.Null(await store.GetAsync(LaunchContext.SessionKey(path[(path.LastIndexOf('/') + 1)..]), CancellationToken.None));
        // Another browser's launch is not touched.
        Assert.Contains("her2-positive", Html.MaterialIds(await neighbour.GetHtmlAsync(neighbours)));
    }

    [Fact]
    public async Task GetLogout_AndAPostWithoutThisBrowsersFormToken_SignNobodyOut()
    {
        await using var factory = new WebAppFactory();
        var browser = factory.NewBrowser();
        var app = Html.AppPath(await Launches.AsPatientAsync(browser, Second));
        var stranger = factory.NewBrowser();
        var strangersToken = FormToken(await stranger.GetHtmlAsync(LogoutEndpoints.Path));

        var form = await browser.GetHtmlAsync(LogoutEndpoints.Path);
        using var missing = await browser.PostFormAsync(LogoutEndpoints.Path, []);
        using var foreign = await browser.PostFormAsync(LogoutEndpoints.Path, [strangersToken]);

        Assert.Contains("<form method=\"post\" action=\"/logout\">", form);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Contains("still signed in", await foreign.Content.ReadAsStringAsync());
        Assert.True(browser.Cookies.ContainsKey("mbcedu-session"));
        Assert.Contains("her2-low", Html.MaterialIds(await browser.GetHtmlAsync(app)));
    }

    [Fact]
    public async Task Logout_OnOneReplica_EndsTheLaunchOnAnother_OnceItsSessionReadThroughRunsOut()
    {
        var clock = new ManualClock();
        await using var a = Replica(clock);
        await using var b = Replica(clock, outboundTo: a);
        var browser = a.NewBrowser();
        var app = Html.AppPath(await Launches.AsPatientAsync(browser, Second));
        var sameBrowserOnB = b.NewBrowser();
        foreach (var (name, value) in browser.Cookies) sameBrowserOnB.SetCookie(name, value);
        Assert.Contains("her2-low", Html.MaterialIds(await sameBrowserOnB.GetHtmlAsync(app))); // B now holds a copy

        using var signedOut = await browser.PostFormAsync(LogoutEndpoints.Path, [FormToken(await browser.GetHtmlAsync(LogoutEndpoints.Path))]);
        Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);

        // B's copy lives at most Web:SessionCacheSeconds (5 s) after the rows are gone; then B asks to open the app again.
        clock.Advance(TimeSpan.FromSeconds(6));
        await sameBrowserOnB.GetHtmlAsync(app, HttpStatusCode.Unauthorized);
        await browser.GetHtmlAsync(app, HttpStatusCode.Unauthorized);
    }

    private WebAppFactory Replica(ManualClock clock, WebAppFactory? outboundTo = null)
    {
        var factory = new WebAppFactory { Clock = clock, OutboundTo = outboundTo };
        foreach (var (key, value) in database.Settings) factory.Set(key, value);
        factory.Set("Deliveries:WorkerEnabled", "false");
        return factory;
    }

    private static KeyValuePair<string, string> FormToken(string html)
    {
        var match = TokenField().Match(html);
        Assert.True(match.Success, "no antiforgery field in the sign-out page");
        return new(match.Groups[1].Value, WebUtility.HtmlDecode(match.Groups[2].Value));
    }

    private static string WorkspacePath(string html) => WorkspaceAction().Match(html).Groups[1].Value;

    [GeneratedRegex("<input type=\"hidden\" name=\"(__RequestVerificationToken)\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("action=\"(/coordinator/l/[A-Za-z0-9_-]{43})/send\"")]
    private static partial Regex WorkspaceAction();
}
