using System.Net;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Web.Tests;

/// <summary>
/// The launch's first page does not wait for a redirect before its FHIR wave starts: <c>/callback</c> starts the record
/// load once the token is in hand and the page joins it (record cache on); with the cache off nothing is started, so
/// the record is never read twice.
/// </summary>
public sealed class RecordPreloadTests
{
    private const string Patient = "her2-low-ihc1-akt1";

    [Fact]
    public async Task Callback_StartsTheRecordLoad_AndTheFirstPageUsesIt_WithoutReadingAgain()
    {
        await using var factory = new WebAppFactory().WithSetting("Web:RecordCacheSeconds", "60");
        var browser = factory.NewBrowser();
        var callback = await Launches.UntilCallbackAsync(browser, Launches.PortalUrl(Patient));
        var before = FhirRequests(factory);

        var redirect = await browser.GetAsync(callback.PathAndQuery);
        // The page has not been asked for, yet the record's five reads go out.
        await WaitForAsync(() => FhirRequests(factory) >= before + 5);
        var page = await browser.GetAsync(redirect.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("her2-low", Html.MaterialIds(await page.Content.ReadAsStringAsync()));
        Assert.Equal(before + 5, FhirRequests(factory));
        // The first page still reports the load it used (the launch-to-first-page figure reads this).
        Assert.Contains("5 requests, critical path 1", string.Join(' ', page.Headers.GetValues("Server-Timing")));
    }

    [Fact]
    public async Task WithTheRecordCacheOff_TheCallbackStartsNoLoad_AndThePageReadsTheRecordOnce()
    {
        await using var factory = new WebAppFactory().WithSetting("Web:RecordCacheSeconds", "0");
        var browser = factory.NewBrowser();
        var callback = await Launches.UntilCallbackAsync(browser, Launches.PortalUrl(Patient));
        var before = FhirRequests(factory);

        var redirect = await browser.GetAsync(callback.PathAndQuery);
        var page = await browser.GetAsync(redirect.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(before + 5, FhirRequests(factory));
    }

    private static long FhirRequests(WebAppFactory factory) => factory.Services.GetRequiredService<FhirRequestCounter>().Requests;

    // Waits for a background load (bounded: the test fails if it never comes), not for a duration.
    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition(), "the record load did not start after the callback");
    }
}
