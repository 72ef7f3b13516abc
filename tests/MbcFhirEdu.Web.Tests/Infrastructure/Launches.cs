using System.Net;

namespace MbcFhirEdu.Web.Tests.Infrastructure;

/// <summary>The two sandbox launches as a user clicks them, ending on the app's page.</summary>
public static class Launches
{
    public const string Clinician = "onc-halloway";

    public static string PortalUrl(string patient) =>
        $"/sandbox/launch-portal?patient={Uri.EscapeDataString(patient)}&app={Uri.EscapeDataString(WebAppFactory.LaunchUrl)}";

    public static string ChartUrl(string patient, string practitioner = Clinician) =>
        $"/sandbox/launch-ehr?patient={Uri.EscapeDataString(patient)}&practitioner={practitioner}&app={Uri.EscapeDataString(WebAppFactory.LaunchUrl)}";

    public const string Coordinator = "coord-brightwater";

    public static string WorkspaceUrl(string patient, string practitioner = Coordinator) =>
        $"/sandbox/launch-ehr?patient={Uri.EscapeDataString(patient)}&practitioner={practitioner}&app={Uri.EscapeDataString(WebAppFactory.Origin + "/launch/coordinator")}";

    /// <summary>EHR launch of the care coordinator workspace, ending on the launch's own /coordinator/l/{ctx}.</summary>
    public static Task<string> AsCoordinatorAsync(Browser browser, string patient) => browser.GetHtmlAsync(WorkspaceUrl(patient));

    /// <summary>Portal launch as the patient, through /launch, the sandbox's authorize, /callback, to /app.</summary>
    public static Task<string> AsPatientAsync(Browser browser, string patient) => browser.GetHtmlAsync(PortalUrl(patient));

    /// <summary>EHR launch from the chart as a practitioner.</summary>
    public static Task<string> AsClinicianAsync(Browser browser, string patient) => browser.GetHtmlAsync(ChartUrl(patient));

    /// <summary>Runs a launch up to the redirect back to /callback and returns that URL without visiting it.</summary>
    public static async Task<Uri> UntilCallbackAsync(Browser browser, string startUrl)
    {
        var (response, url) = await browser.FollowAsync(startUrl, stopAt: u => u.AbsolutePath == "/callback");
        Assert.Equal(HttpStatusCode.Continue, response.StatusCode);
        return url;
    }
}
