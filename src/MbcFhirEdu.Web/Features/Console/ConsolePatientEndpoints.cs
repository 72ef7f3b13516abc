using System.Globalization;
using MbcFhirEdu.Data.Audit;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Web.Components;
using MbcFhirEdu.Web.Features.Audit;
using MbcFhirEdu.Web.Features.Coordinator;
using MbcFhirEdu.Web.Features.Deliveries;
using MbcFhirEdu.Web.Features.Materials;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.WebUtilities;
using ProfileExtractor = MbcFhirEdu.Core.Clinical.ProfileExtractor;

namespace MbcFhirEdu.Web.Features.Console;

/// <summary>
/// Patients in the console: search (<c>GET /console/patients?mrn=|name=</c>), the patient view
/// (<c>GET /console/patients/{id}</c>, <see cref="ConsolePatientPage"/>) and send (<c>POST /console/patients/{id}/send</c>:
/// <see cref="CoordinatorSendForm"/> (antiforgery, bounds) → the Patient read from the EHR (it must exist; rule 16 for
/// the deceased) → one <see cref="DeliveryService.CreateAsync"/> per material with a key per form and material → the
/// outbox writes each Communication with Backend Services). The patient id in the address is never trusted on its own:
/// every view and send reads that Patient from the EHR first.
/// </summary>
internal static class ConsolePatientEndpoints
{
    public static RouteGroupBuilder MapConsolePatients(this RouteGroupBuilder console)
    {
        console.MapGet("/patients", SearchAsync);
        console.MapGet("/patients/{id}", PatientAsync);
        console.MapPost("/patients/{id}/send", SendAsync).DisableAntiforgery();
        // The material cards' "open on its own page" link (AppPath + /materials/{id}?lang=): the public material page.
        console.MapGet("/materials/{id}", (string id, string? lang) =>
            MaterialLibrary.IsValidId(id) && MaterialLibrary.IsLanguage(lang)
                ? Results.Redirect($"/materials/{lang}/{Uri.EscapeDataString(id)}")
                : Pages.Message(404, "There is no such material", "The address does not name a material.", nextStep: "Go back to the patient."));
        return console;
    }

    private static async Task<IResult> SearchAsync(HttpContext context, string? mrn, string? name, ConsoleEhr ehr, ConsolePatientSearch search,
        IAntiforgery antiforgery, AuditLog audit, CancellationToken cancellationToken)
    {
        var chrome = ConsoleEndpoints.Chrome(context, antiforgery);
        var (query, error) = PatientQuery.Parse(mrn, name);
        var parameters = new Dictionary<string, object?> { ["Chrome"] = chrome, ["Mrn"] = mrn, ["Name"] = name, ["Error"] = error };
        if (query is null) return Pages.Render<PatientSearchPage>(parameters, error is null ? 200 : 400);

        var (connection, problem) = ehr.Connect();
        if (connection is null) return NotConnected(context, problem!);
        var result = await search.SearchAsync(connection, query, cancellationToken);
        var user = ConsoleUser.Of(context);
        var logger = ConsoleEndpoints.Logger(context);
        await audit.TryWriteAsync(new AuditEntry(ConsoleAuditActions.PatientSearch, result.Problem is null, user.ObjectId, connection.BaseUrl.AbsoluteUri, null),
            logger, cancellationToken);
        ConsoleLog.Searched(logger, result.Hits.Count, result.More, result.Problem is not null);
        parameters["Result"] = result;
        if (result.Problem is { } failed) parameters["Error"] = "The health record did not answer the search: " + failed;
        return Pages.Render<PatientSearchPage>(parameters, result.Problem is null ? 200 : 502);
    }

    private static async Task<IResult> PatientAsync(HttpContext context, string id, string? lang, string? sent, string? again, ConsoleEhr ehr,
        ConsolePatientPage page, CancellationToken cancellationToken)
    {
        if (!FhirPaths.IsValidId(id)) return ConsolePatientPage.NotInRecord(null);
        if (lang is not null && !MaterialLibrary.IsLanguage(lang))
            return Pages.Message(400, "The materials language is not valid", "The language must be \"en\" or \"es\".", nextStep: "Open the patient again.");
        var (connection, problem) = ehr.Connect();
        if (connection is null) return NotConnected(context, problem!);
        var confirmation = CoordinatorEndpoints.Confirmation(CoordinatorEndpoints.Count(sent), CoordinatorEndpoints.Count(again));
        return await page.RenderAsync(context, connection, id, lang, FormState.Fresh(), confirmation, cancellationToken);
    }

    private static async Task<IResult> SendAsync(HttpContext context, string id, ConsoleEhr ehr, IAntiforgery antiforgery, MaterialLibrary library,
        PatientRecordLoader loader, ConsolePatientPage page, DeliveryService deliveries, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!FhirPaths.IsValidId(id)) return ConsolePatientPage.NotInRecord(null);
        var (form, invalid) = await CoordinatorSendForm.ReadAsync(context, antiforgery, library, cancellationToken);
        if (invalid is not null) return invalid;
        var (connection, problem) = ehr.Connect();
        if (connection is null) return NotConnected(context, problem!);
        if (ehr.Sender is not { } sender) return NotConnected(context, "Console:DeliverySender (or Api:DeliverySender) is not set.");
        if (form!.Problem is { } fixable)
            return await page.RenderAsync(context, connection, id, form.Language, fixable, null, cancellationToken, StatusCodes.Status400BadRequest);

        var user = ConsoleUser.Of(context);
        var logger = ConsoleEndpoints.Logger(context);
        var issuer = connection.BaseUrl.AbsoluteUri;
        // The id came from the address: the EHR must have this Patient (and, rule 16, not show them as deceased).
        var record = await loader.LoadAsync(connection, id, null, [PatientRecordPart.Patient], cancellationToken);
        if (record.Patient is null)
        {
            await audit.TryWriteAsync(new AuditEntry(ConsoleAuditActions.DeliveryRequest, false, user.ObjectId, issuer, id), logger, cancellationToken);
            return ConsolePatientPage.NotInRecord(record.Problems.FirstOrDefault()?.Problem);
        }
        if (ProfileExtractor.Extract(PatientRecordReader.ToPatientData(record, id)).Deceased)
        {
            await audit.TryWriteAsync(new AuditEntry(ConsoleAuditActions.DeliveryRequest, false, user.ObjectId, issuer, id), logger, cancellationToken);
            return Pages.Message(409, "Not sent: the record shows this patient has died", DeceasedCheck.Refusal, nextStep: "No materials can be sent to this patient.");
        }

        int created = 0, existing = 0;
        foreach (var materialId in form.Selected)
        {
            // The key is this form render's nonce plus the material: a double click or a resent form finds the first delivery.
            var outcome = await deliveries.CreateAsync(new DeliveryRequest(connection.BaseUrl, user.ObjectId, id, sender, materialId, form.Language, form.Note,
                DeliveryTokenKind.BackendServices, SessionId: null, SenderName: user.Name), $"console:{form.Nonce}:{materialId}", cancellationToken);
            if (outcome.Status == DeliveryCreateStatus.Created)
            {
                created++;
                await audit.TryWriteAsync(new AuditEntry(ConsoleAuditActions.DeliveryRequest, true, user.ObjectId, issuer, id, outcome.Delivery!.Id.ToString("D")),
                    logger, cancellationToken);
            }
            else if (outcome.Status is DeliveryCreateStatus.Existing or DeliveryCreateStatus.KeyConflict) existing++;
            else
            {
                await audit.TryWriteAsync(new AuditEntry(ConsoleAuditActions.DeliveryRequest, false, user.ObjectId, issuer, id), logger, cancellationToken);
                return await page.RenderAsync(context, connection, id, form.Language,
                    form.State with { Error = outcome.Error ?? "The materials could not be sent.", ErrorField = "materials" },
                    CoordinatorEndpoints.Confirmation(created, existing), cancellationToken, StatusCodes.Status400BadRequest);
            }
        }
        ConsoleLog.Sent(logger, created, existing);
        var target = QueryHelpers.AddQueryString(ConsoleEndpoints.PatientPath(id), new Dictionary<string, string?>
        {
            ["lang"] = form.Language,
            ["sent"] = created.ToString(CultureInfo.InvariantCulture),
            ["again"] = existing.ToString(CultureInfo.InvariantCulture),
        });
        return ConsoleEndpoints.SeeOther(target + "#send-result");
    }

    private static IResult NotConnected(HttpContext context, string problem)
    {
        ConsoleLog.NotConnected(ConsoleEndpoints.Logger(context), problem);
        return Pages.Message(503, "The console is not connected to the health record", problem,
            nextStep: "Ask your administrator to finish the console's set-up (docs/entra-id.md).");
    }
}
