using System.Text;
using MbcFhirEdu.Sandbox.Features.Fhir;
using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using static MbcFhirEdu.Sandbox.Infrastructure.HtmlPage;

namespace MbcFhirEdu.Sandbox.Features.Launch;

/// <summary><c>{prefix}/</c>: the patient list with portal and chart launch links (pass <c>?app=</c> to target another app).</summary>
internal static class SandboxHomePage
{
    public static ContentHttpResult Render(HttpContext context, string? app, FhirDataStore data, IOptions<SandboxOptions> options)
    {
        var urls = SandboxUrls.From(context);
        var appUrl = string.IsNullOrEmpty(app) ? options.Value.DefaultAppLaunchUrl : app;
        string Link(string path, Dictionary<string, string?> query) => E(QueryHelpers.AddQueryString(urls.Root + path, query));

        var html = new StringBuilder();
        html.Append($"<p>FHIR base (<code>iss</code>): <code>{E(urls.FhirBase)}</code> · ");
        html.Append($"<a href=\"{E(urls.FhirBase)}/.well-known/smart-configuration\">SMART configuration</a> · ");
        html.Append($"<a href=\"{E(urls.Root)}/patients\">patient index (JSON)</a></p>");
        html.Append($"<p>Launches go to <code>{E(appUrl)}</code>.</p>");
        html.Append("<table><caption class=\"visually-hidden\">Synthetic patients</caption><thead><tr><th scope=\"col\">Patient</th><th scope=\"col\">Scenario</th><th scope=\"col\">Open the app</th></tr></thead><tbody>");
        foreach (var p in data.Index.Patients)
        {
            html.Append($"<tr><th scope=\"row\">{E(p.Name)}<br><small><code>{E(p.Id)}</code></small></th><td>{E(p.Description)}</td><td>");
            html.Append($"<a href=\"{Link("/launch-portal", new() { ["patient"] = p.Id, ["app"] = appUrl })}\">As the patient (portal)</a><br>");
            foreach (var practitioner in data.Index.Practitioners)
                html.Append($"<a href=\"{Link("/launch-ehr", new() { ["patient"] = p.Id, ["practitioner"] = practitioner.Id, ["app"] = appUrl })}\">From the chart as {E(practitioner.Name)}</a><br>");
            html.Append("</td></tr>");
        }
        html.Append("</tbody></table>");
        return HtmlPage.Render("Sandbox patients", html.ToString());
    }
}
