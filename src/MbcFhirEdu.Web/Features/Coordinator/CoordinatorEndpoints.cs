using MbcFhirEdu.Data.Audit;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Web.Components;
using MbcFhirEdu.Web.Features.Audit;
using MbcFhirEdu.Web.Features.Deliveries;
using MbcFhirEdu.Web.Features.Launch;
using MbcFhirEdu.Web.Features.Materials;
using MbcFhirEdu.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MbcFhirEdu.Web.Features.Coordinator;

/// <summary>
/// <c>/coordinator</c>: the care coordinator's workspace for the patient in the launch context (practitioner EHR launch
/// at <c>/launch/coordinator</c>). Page: <see cref="CoordinatorAccess"/> → <see cref="CoordinatorPageRenderer"/>. Send
/// (POST <c>/coordinator/send</c>): <see cref="CoordinatorAccess"/> → <see cref="CoordinatorSendForm"/> (antiforgery,
/// bounds) → <see cref="DeceasedCheck"/> → <see cref="SenderNames"/> → one <see cref="DeliveryService.CreateAsync"/> per
/// material (the outbox; <see cref="OutboxWorker"/> then writes each to the EHR) → 303 back to the workspace.
/// Needs a practitioner session; a patient's session gets 403, no session 401.
/// </summary>
internal static class CoordinatorEndpoints
{
    public const string Path = "/coordinator";
    public const string SendPath = "/coordinator/send";
    public const int NoteMaxLength = CoordinatorSendForm.NoteMaxLength;

    /// <summary>
    /// What antiforgery itself sets on a response that carries a form token. Setting anything else (plain no-store)
    /// makes it overwrite the header and log a warning on every view.
    /// </summary>
    internal const string NoCache = "no-cache, no-store";

    /// <summary>
    /// The antiforgery cookie travels like the session cookie (the workspace runs inside the EHR's frame): Secure,
    /// SameSite=None, Partitioned; and no X-Frame-Options header, which would break the allowed frame ancestors.
    /// </summary>
    public static IServiceCollection AddCoordinator(this IServiceCollection services)
    {
        services.AddAntiforgery(o =>
        {
            o.FormFieldName = "__RequestVerificationToken";
            o.Cookie = new FramedCookieBuilder { Name = "mbcedu-antiforgery" };
            o.SuppressXFrameOptionsHeader = true;
        });
        services.TryAddTransient<SenderNames>();
        services.TryAddTransient<CoordinatorPageRenderer>();
        return services;
    }

    public static IEndpointRouteBuilder MapCoordinator(this IEndpointRouteBuilder app)
    {
        // The launch's own address (/coordinator/l/{ctx}, see LaunchContext) and the bare one (this browser's newest launch).
        const string launchPath = LaunchContext.WorkspacePrefix + "{" + LaunchContext.RouteParameter + "}";
        app.MapGet(Path, PageAsync);
        app.MapGet(launchPath, PageAsync);
        // Antiforgery is validated in the handler with IAntiforgery (after the role check), so no form binding metadata.
        app.MapPost(SendPath, SendAsync).DisableAntiforgery();
        app.MapPost(launchPath + "/send", SendAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> PageAsync(
        HttpContext context, string? lang, string? sent, string? again, ITokenSessionStore sessions, CoordinatorPageRenderer renderer,
        CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = NoCache;
        var (cookie, refused) = await CoordinatorAccess.AuthorizeAsync(context, sessions, requireWrite: false, cancellationToken);
        if (refused is not null) return refused;
        var confirmation = Confirmation(Count(sent), Count(again));
        return await renderer.RenderAsync(context, cookie!, MaterialLibrary.IsLanguage(lang) ? lang : null, FormState.Fresh(), confirmation, cancellationToken);
    }

    private static async Task<IResult> SendAsync(
        HttpContext context, ITokenSessionStore sessions, IAntiforgery antiforgery, MaterialLibrary library, CoordinatorPageRenderer renderer,
        DeceasedCheck deceased, SenderNames senderNames, DeliveryService deliveries, AuditLog audit, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = NoCache;
        var (cookie, refused) = await CoordinatorAccess.AuthorizeAsync(context, sessions, requireWrite: true, cancellationToken);
        if (refused is not null) return refused;
        var session = cookie!.Session;
        var (form, invalid) = await CoordinatorSendForm.ReadAsync(context, antiforgery, library, cancellationToken);
        if (invalid is not null) return invalid;
        // Problems the coordinator can fix: the workspace again, with what they chose and wrote kept and the error named.
        if (form!.Problem is { } problem)
            return await renderer.RenderAsync(context, cookie, form.Language, problem, null, cancellationToken, StatusCodes.Status400BadRequest);

        var connection = FhirConnection.For(cookie.Id, session);
        // CODES.md rule 16: the workspace offers no sending for a patient who has died; a form posted anyway is refused.
        if (await deceased.IsDeceasedAsync(connection, session.PatientId!, cancellationToken))
            return Pages.Message(409, "Not sent: the record shows this patient has died", DeceasedCheck.Refusal,
                nextStep: "No materials can be sent to this patient from the workspace.");

        var logger = logs.CreateLogger("MbcFhirEdu.Web.Features.Coordinator");
        var senderName = await senderNames.ReadAsync(connection, session.FhirUser, cancellationToken);
        int created = 0, existing = 0;
        foreach (var materialId in form.Selected)
        {
            // One delivery per material; the key is this form render's nonce plus the material, so sending the same
            // form twice (double click, back button, a retried POST) finds the first deliveries instead of making more.
            var outcome = await deliveries.CreateAsync(DeliveryRequest.FromSession(cookie.Id, session, materialId, form.Language, form.Note, senderName),
                $"ws:{form.Nonce}:{materialId}", cancellationToken);
            switch (outcome.Status)
            {
                case DeliveryCreateStatus.Created:
                    created++;
                    await audit.TryWriteAsync(new AuditEntry(AuditActions.DeliveryRequest, true, session.FhirUser, session.Issuer.AbsoluteUri,
                        session.PatientId, outcome.Delivery!.Id.ToString("D")), logger, cancellationToken);
                    break;
                case DeliveryCreateStatus.Existing or DeliveryCreateStatus.KeyConflict:
                    existing++;
                    break;
                default:
                    return await renderer.RenderAsync(context, cookie, form.Language,
                        form.State with { Error = outcome.Error ?? "The materials could not be sent.", ErrorField = "materials" },
                        Confirmation(created, existing), cancellationToken, StatusCodes.Status400BadRequest);
            }
        }
        WebLog.CoordinatorSent(logger, created, existing);
        // Post/Redirect/Get: a reload of the result page does not post again.
        var target = QueryHelpers.AddQueryString(cookie.WorkspacePath, new Dictionary<string, string?>
        {
            ["lang"] = form.Language,
            ["sent"] = created.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["again"] = existing.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        return new SeeOther(target + "#send-result");
    }

    internal static int Count(string? value) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? Math.Min(n, CoordinatorSendForm.MaxMaterials) : 0;

    internal static string? Confirmation(int created, int existing)
    {
        if (created == 0 && existing == 0) return null;
        static string Materials(int n) => n == 1 ? "1 material" : $"{n} materials";
        var parts = new List<string>();
        if (created > 0) parts.Add($"Sent {Materials(created)}. Each is recorded in the health record and then appears first on the patient's page; the status is in the history below.");
        if (existing > 0) parts.Add($"{Materials(existing)} from this form had already been sent, so {(existing == 1 ? "it was" : "they were")} not sent again.");
        return string.Join(' ', parts);
    }

    /// <summary>303 See Other: the browser follows with a GET.</summary>
    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
