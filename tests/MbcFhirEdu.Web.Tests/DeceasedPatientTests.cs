using System.Net;
using System.Text.RegularExpressions;
using MbcFhirEdu.Data.Deliveries;
using MbcFhirEdu.Web.Features.Coordinator;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Web.Tests;

/// <summary>
/// CODES.md rule 16 on every surface, with the sandbox's deceased patient (Patient.deceasedDateTime, metastatic breast
/// cancer): a respectful message and no materials for the patient, the clinician told, and no sending anywhere.
/// </summary>
public sealed class DeceasedPatientTests
{
    private const string Patient = "deceased-metastatic";

    [Fact]
    public async Task PatientPage_SaysSoRespectfully_AndShowsNoMaterials()
    {
        await using var factory = NewApp();

        var html = await Launches.AsPatientAsync(factory.NewBrowser(), Patient);

        Assert.Contains("The health record shows that this person has died. We are sorry for your loss.", html);
        Assert.Empty(Html.MaterialIds(html));
        Assert.DoesNotContain("No materials fit", html);
        Assert.DoesNotContain("care-team", html);
    }

    [Fact]
    public async Task ClinicianView_SaysTheRecordShowsThePatientHasDied_AndOffersNothingToSend()
    {
        await using var factory = NewApp();

        var html = await Launches.AsClinicianAsync(factory.NewBrowser(), Patient);

        Assert.Contains("The record shows this patient has died", html);
        Assert.Contains("<dt>Deceased</dt><dd>yes", html);
        Assert.Empty(Html.MaterialIds(html));
        Assert.DoesNotContain("send", Regex.Replace(html, "none can be sent", ""), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CoordinatorWorkspace_SaysSo_AndHasNoSendForm()
    {
        await using var factory = CoordinatorApp();

        var html = await factory.NewBrowser().GetHtmlAsync(CoordinatorUrl(Patient));

        Assert.Contains("The record shows this patient has died", html);
        Assert.DoesNotContain("<form class=\"send-form\"", html);
        Assert.DoesNotContain("name=\"material\"", html);
    }

    [Fact]
    public async Task CoordinatorSend_OfAFormShownBeforeTheRecordSaidSo_IsRefusedAndRecordsNothing()
    {
        await using var factory = CoordinatorApp();
        var browser = factory.NewBrowser();
        // The workspace is rendered while the Patient read fails, so it cannot know and shows the form; the send then reads it.
        factory.Fault = request => request.RequestUri!.AbsolutePath.EndsWith("/fhir/Patient/" + Patient, StringComparison.Ordinal) ? HttpStatusCode.InternalServerError : null;
        var page = await browser.GetHtmlAsync(CoordinatorUrl(Patient));
        factory.Fault = null;
        string Hidden(string name) => WebUtility.HtmlDecode(Regex.Match(page, $"<input type=\"hidden\" name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Groups[1].Value);
        var material = Regex.Match(page, "<input type=\"checkbox\" name=\"material\" value=\"([a-z0-9-]+)\"").Groups[1].Value;
        Assert.NotEqual("", material);

        using var posted = await browser.PostFormAsync(CoordinatorEndpoints.SendPath,
        [
            new("__RequestVerificationToken", Hidden("__RequestVerificationToken")), new("form", Hidden("form")), new("lang", Hidden("lang")),
            new("material", material), new("note", ""),
        ]);

        Assert.Equal(HttpStatusCode.Conflict, posted.StatusCode);
        Assert.Contains("the health record shows this patient has died", await posted.Content.ReadAsStringAsync());
        var deliveries = await factory.Services.GetRequiredService<DeliveryStore>()
            .ListForPatientAsync(new Uri(WebAppFactory.Issuer).AbsoluteUri, Patient, CancellationToken.None);
        Assert.Empty(deliveries);
    }

    private static WebAppFactory CoordinatorApp()
    {
        var factory = NewApp();
        factory.Set("Deliveries:WorkerEnabled", "false");
        return factory;
    }

    private static string CoordinatorUrl(string patient) =>
        $"/sandbox/launch-ehr?patient={Uri.EscapeDataString(patient)}&practitioner=coord-brightwater&app={Uri.EscapeDataString(WebAppFactory.Origin + "/launch/coordinator")}";

    /// <summary>The launches are set-up, not what is tested: room on a loaded 2-core machine.</summary>
    private static WebAppFactory NewApp() => WebAppFactory.With(new Dictionary<string, string?>
    {
        ["Smart:SmartCallDeadline"] = "00:00:40",
        ["Smart:PerTryTimeout"] = "00:00:20",
        ["Smart:PageLoadDeadline"] = "00:00:40",
    });
}
