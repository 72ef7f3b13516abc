using System.Net;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Web.Tests;

/// <summary>Refusals that need their own app: a tampered PKCE verifier, and a state that outlived its lifetime.</summary>
public sealed class PkceAndExpiryTests
{
    [Fact]
    public async Task TamperedPkceVerifier_IsRefusedByTheEhr_AndNoSessionStarts()
    {
        await using var factory = new WebAppFactory
        {
            ConfigureServices = services => services.AddSingleton<ILaunchStateStore>(sp => new TamperingLaunchStateStore(sp.GetRequiredService<TimeProvider>())),
        };
        var browser = factory.NewBrowser();
        var callback = await Launches.UntilCallbackAsync(browser, Launches.PortalUrl("her2-low-ihc1-akt1"));

        var html = await browser.GetHtmlAsync(callback.AbsoluteUri, HttpStatusCode.BadGateway);

        Assert.Contains("did not accept the sign-in", html);
        Assert.False(browser.Cookies.ContainsKey("mbcedu-session"));
    }

    [Fact]
    public async Task StateOlderThanItsLifetime_Is400()
    {
        var clock = new ManualClock();
        await using var factory = new WebAppFactory { Clock = clock };
        var browser = factory.NewBrowser();
        var callback = await Launches.UntilCallbackAsync(browser, Launches.PortalUrl("her2-low-ihc1-akt1"));

        clock.Advance(TimeSpan.FromMinutes(11));
        var html = await browser.GetHtmlAsync(callback.AbsoluteUri, HttpStatusCode.BadRequest);

        Assert.Contains("took too long", html);
        Assert.False(browser.Cookies.ContainsKey("mbcedu-session"));
    }
}
