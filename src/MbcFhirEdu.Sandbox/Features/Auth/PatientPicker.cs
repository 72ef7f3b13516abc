using System.Text;
using MbcFhirEdu.Sandbox.Features.Fhir;
using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using static MbcFhirEdu.Sandbox.Infrastructure.HtmlPage;

namespace MbcFhirEdu.Sandbox.Features.Auth;

/// <summary>The standalone-launch sign-in page: choose who you are (a patient, or a clinician) and, for a clinician
/// asking for <c>launch/patient</c>, which patient to open. Submitting repeats the authorization request with
/// <c>sandbox_pick</c> (and <c>sandbox_patient</c>), the same parameters a test can pass directly.</summary>
internal static class PatientPicker
{
    public static ContentHttpResult Render(IQueryCollection query, string authorizeUrl, SandboxIndex index, bool askPatient, string? error)
    {
        var html = new StringBuilder();
        if (error is not null) html.Append($"<p class=\"error\" role=\"alert\">{E(error)}</p>");
        html.Append("<p>An app is asking to read records from this sandbox EHR. Choose who you are signing in as.</p>");
        html.Append($"<form method=\"get\" action=\"{E(authorizeUrl)}\">");
        foreach (var name in AuthorizeRequest.OAuthParameters)
            if (query.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value))
                html.Append($"<input type=\"hidden\" name=\"{name}\" value=\"{E(value)}\">");

        html.Append("<fieldset><legend>Sign in as a patient (portal)</legend>");
        var first = true;
        foreach (var p in index.Patients)
        {
            html.Append($"<label><input type=\"radio\" name=\"sandbox_pick\" value=\"Patient/{E(p.Id)}\"{(first ? " required" : "")}> ");
            html.Append($"{E(p.Name)} <small>— {E(p.Description)}</small></label>");
            first = false;
        }
        html.Append("</fieldset><fieldset><legend>Or sign in as a clinician</legend>");
        foreach (var p in index.Practitioners)
            html.Append($"<label><input type=\"radio\" name=\"sandbox_pick\" value=\"Practitioner/{E(p.Id)}\"> {E(p.Name)} <small>— {E(p.Role)}</small></label>");
        html.Append("</fieldset>");
        if (askPatient)
        {
            html.Append("<fieldset><legend>Patient to open (clinicians only)</legend>");
            html.Append("<label for=\"sandbox_patient\">Patient</label><select id=\"sandbox_patient\" name=\"sandbox_patient\"><option value=\"\">Choose a patient</option>");
            foreach (var p in index.Patients) html.Append($"<option value=\"{E(p.Id)}\">{E(p.Name)}</option>");
            html.Append("</select></fieldset>");
        }
        html.Append("<button type=\"submit\">Allow and continue</button></form>");
        return HtmlPage.Render("Sign in to the sandbox EHR", html.ToString(), error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }
}
