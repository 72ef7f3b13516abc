using MbcFhirEdu.Core.Matching;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Web.Components;
using MbcFhirEdu.Web.Features.Deliveries;
using MbcFhirEdu.Web.Features.Launch;
using MbcFhirEdu.Web.Features.Materials;
using MbcFhirEdu.Web.Features.Patient;
using MbcFhirEdu.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;

namespace MbcFhirEdu.Web.Features.Coordinator;

/// <summary>
/// Builds the workspace page: the session's record (the same load as the patient page: one audit row and one load
/// span per read), the clinician-audience recommendations, the patient's delivery history and a fresh antiforgery token.
/// </summary>
internal sealed class CoordinatorPageRenderer(
    PatientPageService pages, RecordRecommender recommender, DeliveryService deliveries, MaterialLibrary library, IAntiforgery antiforgery,
    ILoggerFactory logs)
{
    private readonly ILogger _logger = logs.CreateLogger("MbcFhirEdu.Web.Features.Coordinator");

    public async Task<IResult> RenderAsync(HttpContext context, SessionCookie cookie, string? language, FormState form, string? confirmation,
        CancellationToken cancellationToken, int statusCode = StatusCodes.Status200OK)
    {
        var session = cookie.Session;
        if (await pages.LoadAsync(cookie, cancellationToken) is not { } record)
            return Pages.Message(401, "Please open the workspace again", "The health record no longer accepts this session.",
                nextStep: "Open the care coordinator workspace again from the patient's chart.");

        var (_, profile, recommendations, gaps) = recommender.Recommend(record, session.PatientId!, language, Audience.Clinician);
        var history = await deliveries.ListAsync(session.Issuer, session.PatientId!, cancellationToken);
        var tokens = antiforgery.GetAndStoreTokens(context);
        WebLog.CoordinatorPageBuilt(_logger, recommendations.Items.Count, record.MissingParts.Count);
        return Pages.Render<CoordinatorPage>(new Dictionary<string, object?>
        {
            ["Model"] = new CoordinatorPageModel
            {
                Banner = PatientBanner.Read(record.Patient),
                Recommendations = recommendations,
                MaterialText = UiText.For(recommendations.Language),
                Warnings = [.. profile.Warnings],
                RecordMessages = gaps.Count > 0 ? [RecordParts.ClinicianNote(gaps)] : [],
                Deceased = profile.Deceased,
                AccessNotes = session.DegradedScopes,
                CanWriteCommunication = CoordinatorAccess.CanWriteCommunication(session),
                ThemeUrl = session.SmartStyleUrl is null ? null : cookie.ThemePath,
                WorkspacePath = cookie.WorkspacePath,
                AppPath = cookie.AppPath,
                Form = form,
                AntiforgeryField = tokens.FormFieldName,
                AntiforgeryToken = tokens.RequestToken ?? "",
                Confirmation = confirmation,
                History = [.. history.Select(d => DeliveryRow.From(d, library, session.FhirUser))],
            },
        }, statusCode);
    }
}
