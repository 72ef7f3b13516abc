using System.Net;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Sandbox;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Web.Tests;

/// <summary>
/// The per-session page cache (Web:RecordCacheSeconds): a page load within the time makes no FHIR request, sessions
/// never share entries, partial loads are not kept, and expiry, a refreshed session or an ended one load again.
/// </summary>
public sealed class PatientPageCacheTests
{
    private const string Patient = "her2-low-ihc1-akt1";
    private const string OtherPatient = "spanish-bone-eye";

    private static WebAppFactory CachingFactory(ManualClock clock) => new WebAppFactory { Clock = clock }.WithSetting("Web:RecordCacheSeconds", "60");

    [Fact]
    public async Task SecondPageLoadWithinTheTime_MakesNoFhirRequest_AndShowsTheSamePage()
    {
        await using var factory = CachingFactory(new ManualClock());
        var browser = factory.NewBrowser();
        var first = await Launches.AsPatientAsync(browser, Patient);
        var before = FhirRequests(factory);

        var response = await browser.GetAsync("/app");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, FhirRequests(factory));
        Assert.Contains("0 requests (cached)", string.Join(' ', response.Headers.GetValues("Server-Timing")));
        Assert.Equal(first, html);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OtherLanguageAndPrintView_ReuseTheLoadedRecord()
    {
        await using var factory = CachingFactory(new ManualClock());
        var browser = factory.NewBrowser();
        await Launches.AsPatientAsync(browser, Patient);
        var before = FhirRequests(factory);

        var spanish = await browser.GetHtmlAsync("/app?lang=es");
        var print = await browser.GetHtmlAsync("/app/print");

        Assert.Equal(before, FhirRequests(factory));
        Assert.Contains("lang=\"es\"", spanish);
        Assert.Contains("print-view", print);
        Assert.Contains("her2-low", Html.MaterialIds(spanish));
    }

    [Fact]
    public async Task CachedPage_IsTheSameHtmlAsTheUncachedPage()
    {
        await using var uncached = new WebAppFactory(); // the test default: cache off
        var plain = await Launches.AsPatientAsync(uncached.NewBrowser(), OtherPatient);
        await using var caching = CachingFactory(new ManualClock());
        var browser = caching.NewBrowser();
        await Launches.AsPatientAsync(browser, OtherPatient);

        var cached = await browser.GetHtmlAsync("/app");

        // The same but for each launch's own address in the links.
        Assert.Equal(plain.Replace(Html.AppPath(plain), "/app/l/ctx", StringComparison.Ordinal),
            cached.Replace(Html.AppPath(cached), "/app/l/ctx", StringComparison.Ordinal));
        Assert.Contains("á", cached); // Spanish text unencoded, as the page renderer writes it
    }

    [Fact]
    public async Task TwoSessions_NeverShareEntries_EvenForTheSamePatient()
    {
        await using var factory = CachingFactory(new ManualClock());
        var first = factory.NewBrowser();
        var second = factory.NewBrowser();
        var third = factory.NewBrowser();
        var firstPage = await Launches.AsPatientAsync(first, Patient);
        var otherPage = await Launches.AsPatientAsync(second, OtherPatient);

        var before = FhirRequests(factory);
        var samePatientPage = await Launches.AsPatientAsync(third, Patient);
        Assert.Equal(before + 5, FhirRequests(factory)); // its own load, not the first session's entry

        Assert.Equal(Html.MaterialIds(firstPage), Html.MaterialIds(await first.GetHtmlAsync("/app")));
        Assert.Equal(Html.MaterialIds(otherPage), Html.MaterialIds(await second.GetHtmlAsync("/app")));
        Assert.Equal(Html.MaterialIds(samePatientPage), Html.MaterialIds(await third.GetHtmlAsync("/app")));
        Assert.NotEqual(Html.MaterialIds(firstPage), Html.MaterialIds(otherPage));
        Assert.Contains("lang=\"es\"", await second.GetHtmlAsync("/app"));
        Assert.Contains("lang=\"en\"", await first.GetHtmlAsync("/app"));
    }

    [Fact]
    public async Task PartialLoad_IsNotCached_AndTheNextLoadTriesAgain()
    {
        await using var factory = CachingFactory(new ManualClock());
        var browser = factory.NewBrowser();
        factory.Fault = Faults.LabObservationSearch;
        var partial = await Launches.AsPatientAsync(browser, Patient);
        Assert.Contains("We could not load your lab results", partial);

        factory.Fault = null;
        var before = FhirRequests(factory);
        var response = await browser.GetAsync("/app");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(before + 5, FhirRequests(factory));
        Assert.Contains("5 requests, critical path 1", string.Join(' ', response.Headers.GetValues("Server-Timing")));
        Assert.DoesNotContain("could not load", html);

        var again = FhirRequests(factory);
        await browser.GetHtmlAsync("/app");
        Assert.Equal(again, FhirRequests(factory)); // the complete load is kept
    }

    [Fact]
    public async Task AfterTheTime_ThePageLoadsTheRecordAgain()
    {
        var clock = new ManualClock();
        await using var factory = CachingFactory(clock);
        var browser = factory.NewBrowser();
        await Launches.AsPatientAsync(browser, Patient);

        clock.Advance(TimeSpan.FromSeconds(59));
        var before = FhirRequests(factory);
        await browser.GetHtmlAsync("/app");
        Assert.Equal(before, FhirRequests(factory));

        clock.Advance(TimeSpan.FromSeconds(2));
        var response = await browser.GetAsync("/app");

        Assert.Equal(before + 5, FhirRequests(factory));
        Assert.Contains("5 requests", string.Join(' ', response.Headers.GetValues("Server-Timing")));
    }

    [Fact]
    public async Task RefreshedSession_DropsItsEntries()
    {
        await using var factory = CachingFactory(new ManualClock());
        var browser = factory.NewBrowser();
        await Launches.AsPatientAsync(browser, Patient);
        var store = factory.Services.GetRequiredService<ITokenSessionStore>();
        var id = browser.SessionId;
        var session = await store.GetAsync(id, CancellationToken.None) ?? throw new InvalidOperationException("no session");

        await store.SaveAsync(id, session with { AccessToken = "revoked", RefreshToken = null }, CancellationToken.None);
        var html = await browser.GetHtmlAsync("/app", HttpStatusCode.Unauthorized);

        Assert.Contains("Please open the app again", html); // not the page kept from before
    }

    [Fact]
    public async Task EndedSession_DropsItsEntries_AndIsNotServed()
    {
        await using var factory = CachingFactory(new ManualClock());
        var browser = factory.NewBrowser();
        await Launches.AsPatientAsync(browser, Patient);
        await browser.GetHtmlAsync("/app");

        await factory.Services.GetRequiredService<ITokenSessionStore>().RemoveAsync(browser.SessionId, CancellationToken.None);
        var html = await browser.GetHtmlAsync("/app", HttpStatusCode.Unauthorized);

        Assert.Contains("Please open the app again", html);
    }

    [Fact]
    public async Task ConcurrentPageLoadsAfterExpiry_ShareOneLoad()
    {
        // Real clock: the sandbox's injected latency waits on the app's TimeProvider.
        await using var factory = new WebAppFactory().WithSetting("Web:RecordCacheSeconds", "1");
        var browser = factory.NewBrowser();
        await Launches.AsPatientAsync(browser, Patient);
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // the launch's entry has expired
        factory.Services.GetRequiredService<SandboxFaults>().SetLatency(TimeSpan.FromMilliseconds(300));
        var before = FhirRequests(factory);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => browser.GetAsync("/app")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(before + 5, FhirRequests(factory));
    }

    [Fact]
    public async Task CacheOff_EveryPageLoadReadsTheRecord()
    {
        await using var factory = new WebAppFactory { Clock = new ManualClock() }.WithSetting("Web:RecordCacheSeconds", "0");
        var browser = factory.NewBrowser();
        await Launches.AsPatientAsync(browser, Patient);
        var before = FhirRequests(factory);

        await browser.GetHtmlAsync("/app");

        Assert.Equal(before + 5, FhirRequests(factory));
    }

    private static long FhirRequests(WebAppFactory factory) => factory.Services.GetRequiredService<FhirRequestCounter>().Requests;
}
