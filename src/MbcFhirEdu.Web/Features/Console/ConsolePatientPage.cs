using MbcFhirEdu.Core.Matching;
using MbcFhirEdu.Data.Audit;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Web.Components;
using MbcFhirEdu.Web.Features.Audit;
using MbcFhirEdu.Web.Features.Coordinator;
using MbcFhirEdu.Web.Features.Deliveries;
using MbcFhirEdu.Web.Features.Materials;
using MbcFhirEdu.Web.Features.Patient;
using Microsoft.AspNetCore.Antiforgery;

namespace MbcFhirEdu.Web.Features.Console;

/// <summary>
/// The console's patient view: the workspace page (<see cref="CoordinatorPage"/>: banner, the clinician's
/// recommendations with reasons and evidence, send form, delivery history with "opened") for a patient the coordinator
/// chose, read with Backend Services through the same <see cref="PatientRecordLoader"/> and <see cref="RecordRecommender"/>
/// as every other view. The patient id comes from the address, so the page exists only when the EHR returns that Patient;
/// the banner is read live and never stored. One audit row per view, actor the coordinator's <c>oid</c>.
/// </summary>
internal sealed class ConsolePatientPage(
    PatientRecordLoader loader, RecordRecommender recommender, DeliveryService deliveries, MaterialLibrary library, IAntiforgery antiforgery,
    AuditLog audit, ILoggerFactory logs)
{
    private readonly ILogger _logger = logs.CreateLogger("MbcFhirEdu.Web.Features.Console");

    public async Task<IResult> RenderAsync(HttpContext context, FhirConnection connection, string patientId, string? language, FormState form,
        string? confirmation, CancellationToken cancellationToken, int statusCode = StatusCodes.Status200OK)
    {
        var user = ConsoleUser.Of(context);
        var record = await loader.LoadAsync(connection, patientId, null, cancellationToken);
        await audit.TryWriteAsync(new AuditEntry(ConsoleAuditActions.PatientRead, record.Patient is not null, user.ObjectId, connection.BaseUrl.AbsoluteUri,
            patientId), _logger, cancellationToken);
        if (record.Patient is null) return NotInRecord(record.Problems.FirstOrDefault(p => p.Part == PatientRecordPart.Patient)?.Problem);

        var (_, profile, recommendations, gaps) = recommender.Recommend(record, patientId, language, Audience.Clinician);
        var history = await deliveries.ListAsync(connection.BaseUrl, patientId, cancellationToken);
        var tokens = antiforgery.GetAndStoreTokens(context);
        ConsoleLog.PatientViewed(_logger, recommendations.Items.Count, record.MissingParts.Count);
        return Pages.Render<CoordinatorPage>(new Dictionary<string, object?>
        {
            ["Model"] = new CoordinatorPageModel
            {
                Heading = "Coordinator console: patient",
                Banner = PatientBanner.Read(record.Patient),
                Recommendations = recommendations,
                MaterialText = UiText.For(recommendations.Language),
                Warnings = [.. profile.Warnings],
                RecordMessages = gaps.Count > 0 ? [RecordParts.ClinicianNote(gaps)] : [],
                Deceased = profile.Deceased,
                // Backend Services was granted system/Communication.c when the token was issued; the outbox reports a refusal.
                CanWriteCommunication = true,
                WorkspacePath = ConsoleEndpoints.PatientPath(patientId),
                AppPath = ConsoleEndpoints.Path,
                Form = form,
                AntiforgeryField = tokens.FormFieldName,
                AntiforgeryToken = tokens.RequestToken ?? "",
                Confirmation = confirmation,
                History = [.. history.Select(d => DeliveryRow.From(d, library, you: null))],
                Console = new ConsoleChrome(tokens.FormFieldName, tokens.RequestToken ?? ""),
            },
        }, statusCode);
    }

    /// <summary>The page for a Patient the EHR did not return: 404 when it has none with this id, 502 when it failed.</summary>
    internal static IResult NotInRecord(FhirProblem? problem) => problem?.Kind == FhirProblemKind.NotFound || problem?.Kind == FhirProblemKind.InvalidRequest
        ? Pages.Message(404, "There is no such patient", "The health record has no patient with this id.",
            nextStep: "Find the patient by MRN or name in the coordinator console.")
        : Pages.Message(502, "The health record did not answer", problem?.Message ?? "The patient could not be read from the health record.",
            nextStep: "Try again in a moment.");
}
