using MbcFhirEdu.Sandbox.Features.Auth;
using MbcFhirEdu.Sandbox.Features.Fhir;
using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Sandbox.Features.Launch;

/// <summary>The EHR side of SMART App Launch 2.2 §"EHR launch": create a launch id with its context and send the
/// browser to the app's launch URL with <c>iss</c> and <c>launch</c>.</summary>
internal static class LaunchEndpoints
{
    public const string DefaultPractitionerId = "onc-halloway";

    public static void MapLaunchEndpoints(this IEndpointRouteBuilder group)
    {
        group.MapGet("/launch-ehr", LaunchFromChart);
        group.MapGet("/launch-portal", LaunchFromPortal);
        group.MapGet("/", SandboxHomePage.Render);
        group.MapGet("/patients", (FhirDataStore data) => TypedResults.Json(data.Index, SandboxJson.Options));
        group.MapGet("/smart-style.json", SmartStyle.Get);
    }

    /// <summary>Clinician opens the app from a chart: fhirUser is the practitioner, no patient banner needed.</summary>
    private static Results<RedirectHttpResult, ContentHttpResult> LaunchFromChart(
        HttpContext context, string? patient, string? practitioner, string? app, string? intent,
        FhirDataStore data, ClientRegistry clients, LaunchStore launches, IOptions<SandboxOptions> options, ILogger<LaunchStore> logger)
    {
        var practitionerId = string.IsNullOrEmpty(practitioner) ? DefaultPractitionerId : practitioner;
        if (data.Find("Practitioner", practitionerId) is null) return NotFound("practitioner", practitionerId);
        return Launch(context, patient, app, "ehr", id => new LaunchContext(id, $"Practitioner/{practitionerId}", false, intent, ""),
            data, clients, launches, options, logger);
    }

    /// <summary>Patient opens the app from the portal: fhirUser is the patient, who needs a banner-less page to know whose record it is.</summary>
    private static Results<RedirectHttpResult, ContentHttpResult> LaunchFromPortal(
        HttpContext context, string? patient, string? app, string? intent,
        FhirDataStore data, ClientRegistry clients, LaunchStore launches, IOptions<SandboxOptions> options, ILogger<LaunchStore> logger) =>
        Launch(context, patient, app, "portal", id => new LaunchContext(id, $"Patient/{id}", true, intent, ""),
            data, clients, launches, options, logger);

    private static Results<RedirectHttpResult, ContentHttpResult> Launch(
        HttpContext context, string? patient, string? app, string kind, Func<string, LaunchContext> create,
        FhirDataStore data, ClientRegistry clients, LaunchStore launches, IOptions<SandboxOptions> options, ILogger logger)
    {
        if (string.IsNullOrEmpty(patient) || data.Find("Patient", patient) is null) return NotFound("patient", patient);
        var urls = SandboxUrls.From(context);
        var appUrl = string.IsNullOrEmpty(app) ? options.Value.DefaultAppLaunchUrl : app;
        if (!IsAllowedApp(appUrl, clients, urls))
            return HtmlPage.Render("App not registered", "<p>The <code>app</code> launch URL is not registered for any client of this sandbox.</p>", 400);
        var launchId = launches.Create(create(patient) with { SmartStyleUrl = urls.SmartStyle });
        if (launchId is null) return HtmlPage.Render("Sandbox busy", "<p>Too many open launches; try again later.</p>", 503);
        logger.LaunchCreated(kind, (int)launches.Lifetime.TotalSeconds);
        return TypedResults.Redirect(QueryHelpers.AddQueryString(appUrl, new Dictionary<string, string?> { ["iss"] = urls.FhirBase, ["launch"] = launchId }));
    }

    /// <summary>No open redirect: only a registered launch URL, or an app on the sandbox's own origin.</summary>
    private static bool IsAllowedApp(string appUrl, ClientRegistry clients, SandboxUrls urls) =>
        Uri.TryCreate(appUrl, UriKind.Absolute, out var uri)
        && (clients.All.Any(c => c.AcceptsLaunch(appUrl))
            || (Uri.TryCreate(urls.Root, UriKind.Absolute, out var own) && uri.Scheme == own.Scheme && uri.Authority == own.Authority));

    private static ContentHttpResult NotFound(string what, string? id) =>
        HtmlPage.Render("Not found", $"<p>No {what} <code>{HtmlPage.E(id)}</code> in this sandbox.</p>", 404);
}
