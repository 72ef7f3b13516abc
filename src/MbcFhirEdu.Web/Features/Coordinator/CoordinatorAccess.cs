using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Web.Components;
using MbcFhirEdu.Web.Features.Launch;

namespace MbcFhirEdu.Web.Features.Coordinator;

/// <summary>
/// Who may use the workspace: a practitioner session with a patient in its launch context (the patient never comes
/// from the address); sending also needs Communication create. A refusal is the page to show.
/// </summary>
internal static class CoordinatorAccess
{
    private static readonly string[] PatientParameters = ["patient", "patientId", "patient_id", "subject"];

    public static async Task<(SessionCookie? Cookie, IResult? Refused)> AuthorizeAsync(
        HttpContext context, ITokenSessionStore sessions, bool requireWrite, CancellationToken cancellationToken)
    {
        if (context.Request.Query.Keys.Any(k => PatientParameters.Contains(k, StringComparer.OrdinalIgnoreCase)))
            return (null, Pages.Message(400, "This address is not allowed",
                "The workspace shows the patient whose chart it was opened from; a patient cannot be chosen in the address."));
        var cookie = await SessionCookie.FindAsync(context, sessions, cancellationToken);
        if (cookie is null)
            return (null, Pages.Message(401, "Please open the workspace again", "Your session has ended or was not started here.",
                nextStep: "Open the care coordinator workspace again from the patient's chart."));
        var session = cookie.Session;
        if (!session.IsPractitioner)
            return (null, Pages.Message(403, "This page is for the care team",
                "The care coordinator workspace is only for care team members signed in from the health record.",
                nextStep: "Go back to your own list of materials."));
        if (string.IsNullOrEmpty(session.PatientId))
            return (null, Pages.Message(400, "No patient was chosen", "The health record did not say whose chart the workspace was opened from."));
        if (requireWrite && !CanWriteCommunication(session))
            return (null, Pages.Message(403, "Sending is not allowed for this session",
                "The health record did not allow this session to record sent materials (Communication), so nothing was sent.",
                nextStep: "Ask your health record administrator for permission to record patient education."));
        return (cookie, null);
    }

    public static bool CanWriteCommunication(SmartSession session) => session.GrantedScopes.Any(CommunicationWrite);

    /// <summary>A granted scope that lets the user create Communications (v1 write or v2 c), e.g. <c>user/Communication.cru</c>.</summary>
    internal static bool CommunicationWrite(string scope)
    {
        if (!scope.StartsWith("user/", StringComparison.Ordinal)) return false;
        var dot = scope.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0) return false;
        var type = scope[5..dot];
        var permission = scope[(dot + 1)..];
        var query = permission.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0) permission = permission[..query];
        return type is "Communication" or "*"
               && (permission is "write" or "*" || (permission.Contains('c') && permission.All(c => "cruds".Contains(c))));
    }
}
