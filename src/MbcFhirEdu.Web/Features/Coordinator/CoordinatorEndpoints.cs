using MbcFhirEdu.Core.Matching;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Web.Components;
using MbcFhirEdu.Web.Features.Launch;
using MbcFhirEdu.Web.Features.Materials;
using MbcFhirEdu.Web.Features.Patient;
using MbcFhirEdu.Web.Infrastructure;

namespace MbcFhirEdu.Web.Features.Coordinator;

/// <summary>
/// <c>/coordinator</c>: the care coordinator's workspace for the patient in the launch context (practitioner EHR launch
/// at <c>/launch/coordinator</c>). Patient header, the recommended materials with reasons, evidence and an in-place
/// preview, and the selection + personal note laid out for the send form (sending is wired in the delivery step).
/// Needs a practitioner session; a patient's session gets 403, no session 401. The patient comes from the token
/// response only.
/// </summary>
internal static class CoordinatorEndpoints
{
    public const string Path = "/coordinator";
    public const int NoteMaxLength = 500;
    private static readonly string[] PatientParameters = ["patient", "patientId", "patient_id", "subject"];

    public static IServiceCollection AddCoordinator(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapCoordinator(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, PageAsync);
        return app;
    }

    private static async Task<IResult> PageAsync(
        HttpContext context, string? lang, ITokenSessionStore sessions, PatientPageService pages, RecordRecommender recommender,
        ILoggerFactory logs, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (context.Request.Query.Keys.Any(k => PatientParameters.Contains(k, StringComparer.OrdinalIgnoreCase)))
            return Pages.Message(400, "This address is not allowed",
                "The workspace shows the patient whose chart it was opened from; a patient cannot be chosen in the address.");
        var cookie = await SessionCookie.FindAsync(context, sessions, cancellationToken);
        if (cookie is null)
            return Pages.Message(401, "Please open the workspace again", "Your session has ended or was not started here.",
                nextStep: "Open the care coordinator workspace again from the patient's chart.");
        var session = cookie.Session;
        if (!session.IsPractitioner)
            return Pages.Message(403, "This page is for the care team",
                "The care coordinator workspace is only for care team members signed in from the health record.",
                nextStep: "Go back to your own list of materials.");
        if (string.IsNullOrEmpty(session.PatientId))
            return Pages.Message(400, "No patient was chosen", "The health record did not say whose chart the workspace was opened from.");

        // The same session-record load as the patient page: one audit row and one load span per read.
        if (await pages.LoadAsync(cookie, cancellationToken) is not { } record)
            return Pages.Message(401, "Please open the workspace again", "The health record no longer accepts this session.",
                nextStep: "Open the care coordinator workspace again from the patient's chart.");

        var language = MaterialLibrary.IsLanguage(lang) ? lang : null;
        var (_, profile, recommendations) = recommender.Recommend(record, session.PatientId, language, Audience.Clinician);
        var text = UiText.For(recommendations.Language);
        WebLog.CoordinatorPageBuilt(logs.CreateLogger("MbcFhirEdu.Web.Features.Coordinator"), recommendations.Items.Count, record.MissingParts.Count);
        return Pages.Render<CoordinatorPage>(new Dictionary<string, object?>
        {
            ["Model"] = new CoordinatorPageModel
            {
                Banner = PatientBanner.Read(record.Patient),
                Recommendations = recommendations,
                MaterialText = text,
                Warnings = [.. profile.Warnings],
                RecordMessages = [.. record.MissingParts.Select(p => UiText.English.Missing[p]), .. record.IncompleteParts.Select(p => UiText.English.Incomplete[p])],
                AccessNotes = session.DegradedScopes,
                CanWriteCommunication = session.GrantedScopes.Any(CommunicationWrite),
                ThemeUrl = session.SmartStyleUrl is null ? null : PatientEndpoints.ThemePath,
            },
        });
    }

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

public sealed record CoordinatorPageModel
{
    public PatientBanner? Banner { get; init; }
    public required RecommendationSet Recommendations { get; init; }
    /// <summary>Text for the material cards, in the materials' language (the workspace itself is in English).</summary>
    public required UiText MaterialText { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public IReadOnlyList<string> RecordMessages { get; init; } = [];
    public IReadOnlyList<string> AccessNotes { get; init; } = [];
    /// <summary>Whether the EHR granted Communication create (needed to record a send).</summary>
    public bool CanWriteCommunication { get; init; }
    public string? ThemeUrl { get; init; }
}
