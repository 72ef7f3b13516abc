using System.Net;
using System.Text.RegularExpressions;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace MbcFhirEdu.Web.Tests;

/// <summary>
/// What the launch-to-first-page figure (tests/load/launch-to-first-page.sh) reads from the app: the token call's own
/// time on the callback's redirect, and a page load that logs once at Information, not once per FHIR search.
/// </summary>
public sealed partial class LaunchTimingTests
{
    private const string Patient = "her2-positive-brain";

    [Fact]
    public async Task Callback_SaysHowLongTheTokenCallTook_InServerTiming_WithoutNamingThePatient()
    {
        await using var app = new WebAppFactory();
        var browser = app.NewBrowser();
        var callback = await Launches.UntilCallbackAsync(browser, Launches.PortalUrl(Patient));

        var response = await browser.GetAsync(callback.PathAndQuery);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var timing = string.Join(", ", response.Headers.GetValues("Server-Timing"));
        Assert.Matches(TokenTiming(), timing);
        Assert.DoesNotContain(Patient, timing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageLoad_LogsTheLoadAtInformation_AndEachSearchOnlyAtDebug()
    {
        await using var app = new WebAppFactory();

        await Launches.AsPatientAsync(app.NewBrowser(), Patient);

        var entries = app.Logs.Entries.ToList();
        Assert.Contains(entries, e => e.Level == LogLevel.Information && e.Message.StartsWith("Patient record loaded:", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Information && e.Message.StartsWith("FHIR search of", StringComparison.Ordinal));
    }

    [GeneratedRegex("""^token;dur=\d+(\.\d)?;desc="token call"$""")]
    private static partial Regex TokenTiming();
}
