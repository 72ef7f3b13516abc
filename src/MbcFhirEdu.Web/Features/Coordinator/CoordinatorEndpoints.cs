using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MbcFhirEdu.Core.Matching;
using MbcFhirEdu.Data.Audit;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Web.Components;
using MbcFhirEdu.Web.Features.Audit;
using MbcFhirEdu.Web.Features.Deliveries;
using MbcFhirEdu.Web.Features.Launch;
using MbcFhirEdu.Web.Features.Materials;
using MbcFhirEdu.Web.Features.Patient;
using MbcFhirEdu.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MbcFhirEdu.Web.Features.Coordinator;

/// <summary>
/// <c>/coordinator</c>: the care coordinator's workspace for the patient in the launch context (practitioner EHR launch
/// at <c>/launch/coordinator</c>). Patient header, the recommended materials with reasons, evidence and an in-place
/// preview, the send form (selection + personal note, POSTed to <c>/coordinator/send</c> with an ASP.NET antiforgery
/// token) and the patient's delivery history. Needs a practitioner session; a patient's session gets 403, no session
/// 401. The patient comes from the token response only, never from the address or the form.
/// </summary>
internal static partial class CoordinatorEndpoints
{
    public const string Path = "/coordinator";
    public const string SendPath = "/coordinator/send";
    public const int NoteMaxLength = 500;
    /// <summary>Most materials one send may carry (the form offers the recommendations, far fewer).</summary>
    public const int MaxMaterialsPerSend = 30;
    /// <summary>The send form is small: a few ids, a nonce, a token and a 500-character note.</summary>
    public const int MaxFormBytes = 32 * 1024;
    private static readonly string[] PatientParameters = ["patient", "patientId", "patient_id", "subject"];

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

    /// <summary>
    /// What antiforgery itself sets on a response that carries a form token. Setting anything else (plain no-store)
    /// makes it overwrite the header and log a warning on every view.
    /// </summary>
    internal const string NoCache = "no-cache, no-store";

    private static async Task<IResult> PageAsync(
        HttpContext context, string? lang, string? sent, string? again, ITokenSessionStore sessions, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = NoCache;
        var auth = await AuthorizeAsync(context, sessions, requireWrite: false, cancellationToken);
        if (auth.Error is { } refused) return refused;
        var cookie = auth.Cookie!;
        var confirmation = Confirmation(Count(sent), Count(again));
        return await RenderAsync(context, cookie, MaterialLibrary.IsLanguage(lang) ? lang : null, FormState.Fresh(), confirmation, cancellationToken);
    }

    private static async Task<IResult> SendAsync(
        HttpContext context, ITokenSessionStore sessions, IAntiforgery antiforgery, DeliveryService deliveries, DeceasedCheck deceased, MaterialLibrary library,
        SenderNames senderNames, AuditLog audit, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = NoCache;
        var auth = await AuthorizeAsync(context, sessions, requireWrite: true, cancellationToken);
        if (auth.Error is { } refused) return refused;
        var cookie = auth.Cookie!;
        var session = cookie.Session;

        if (!context.Request.HasFormContentType)
            return Pages.Message(415, "This was not sent from the workspace form", "Send materials from the care coordinator workspace.");
        if (context.Request.ContentLength > MaxFormBytes)
            return Pages.Message(413, "The form is too large", $"The send form may carry at most {MaxFormBytes / 1024} KB.");
        IFormCollection form;
        try
        {
            context.Features.Set<IFormFeature>(new FormFeature(context.Request, new FormOptions
            {
                ValueCountLimit = MaxMaterialsPerSend + 16,
                KeyLengthLimit = 64,
                ValueLengthLimit = 4 * 1024,
                MultipartBodyLengthLimit = MaxFormBytes,
                MultipartBoundaryLengthLimit = 128,
            }));
            form = await context.Request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            return Pages.Message(400, "The form could not be read", "The send form was too large or not well formed. Send materials from the workspace again.");
        }

        // CSRF: the session cookie is SameSite=None, so the form must carry the token ASP.NET issued with the page.
        if (!await antiforgery.IsRequestValidAsync(context))
            return Pages.Message(400, "This form has expired or did not come from the workspace",
                "Nothing was sent. For your protection, materials can only be sent from a form the workspace showed you.",
                nextStep: "Open the care coordinator workspace again and send from there.");

        var nonce = form["form"].ToString();
        if (!Nonce().IsMatch(nonce))
            return Pages.Message(400, "This form has expired or did not come from the workspace", "Nothing was sent: the form's id is missing or not valid.",
                nextStep: "Open the care coordinator workspace again and send from there.");
        var language = form["lang"].ToString();
        if (!MaterialLibrary.IsLanguage(language))
            return Pages.Message(400, "The materials language is not valid", "Nothing was sent: the form must say \"en\" or \"es\".");

        var selected = form["material"].Where(m => !string.IsNullOrEmpty(m)).Select(m => m!).Distinct(StringComparer.Ordinal).ToList();
        var note = NormaliseNote(form["note"].ToString());
        var state = new FormState(nonce, selected.ToHashSet(StringComparer.Ordinal), note ?? "");
        if (selected.Count > MaxMaterialsPerSend)
            return Pages.Message(400, "Too many materials", $"One send may carry at most {MaxMaterialsPerSend} materials.");
        var unknown = selected.FirstOrDefault(id => !MaterialLibrary.IsValidId(id) || library.Catalog.Find(id, language) is null);
        if (unknown is not null)
            return Pages.Message(400, "There is no such material", "Nothing was sent: one of the chosen materials is not in the library in this language.",
                nextStep: "Open the care coordinator workspace again and choose from its list.");

        // Problems the coordinator can fix: the workspace again, with what they chose and wrote kept and the error named.
        if (note is { Length: > NoteMaxLength })
            return await RenderAsync(context, cookie, language, state with
            {
                Error = $"The personal note is {note.Length} characters long; it can be at most {NoteMaxLength}. Shorten it and send again — nothing was sent yet.",
                ErrorField = "personal-note",
            }, null, cancellationToken, StatusCodes.Status400BadRequest);
        if (selected.Count == 0)
            return await RenderAsync(context, cookie, language, state with
            {
                Error = "Choose at least one material to send — nothing was sent yet.",
                ErrorField = "materials",
            }, null, cancellationToken, StatusCodes.Status400BadRequest);

        // CODES.md rule 16: the workspace offers no sending for a patient who has died; a form posted anyway is refused.
        if (await deceased.IsDeceasedAsync(FhirConnection.For(cookie.Id, session), session.PatientId!, cancellationToken))
            return Pages.Message(409, "Not sent: the record shows this patient has died", DeceasedCheck.Refusal,
                nextStep: "No materials can be sent to this patient from the workspace.");

        var logger = logs.CreateLogger("MbcFhirEdu.Web.Features.Coordinator");
        var senderName = await senderNames.ReadAsync(FhirConnection.For(cookie.Id, session), session.FhirUser, cancellationToken);
        int created = 0, existing = 0;
        foreach (var materialId in selected)
        {
            // One delivery per material; the key is this form render's nonce plus the material, so sending the same
            // form twice (double click, back button, a retried POST) finds the first deliveries instead of making more.
            var outcome = await deliveries.CreateAsync(DeliveryRequest.FromSession(cookie.Id, session, materialId, language, note, senderName),
                $"ws:{nonce}:{materialId}", cancellationToken);
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
                    return await RenderAsync(context, cookie, language, state with { Error = outcome.Error ?? "The materials could not be sent.", ErrorField = "materials" },
                        Confirmation(created, existing), cancellationToken, StatusCodes.Status400BadRequest);
            }
        }
        WebLog.CoordinatorSent(logger, created, existing);
        // Post/Redirect/Get: a reload of the result page does not post again.
        var target = QueryHelpers.AddQueryString(cookie.WorkspacePath, new Dictionary<string, string?>
        {
            ["lang"] = language,
            ["sent"] = created.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["again"] = existing.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        return new SeeOther(target + "#send-result");
    }

    private sealed record AuthResult(SessionCookie? Cookie, IResult? Error);

    private static async Task<AuthResult> AuthorizeAsync(HttpContext context, ITokenSessionStore sessions, bool requireWrite, CancellationToken cancellationToken)
    {
        if (context.Request.Query.Keys.Any(k => PatientParameters.Contains(k, StringComparer.OrdinalIgnoreCase)))
            return new(null, Pages.Message(400, "This address is not allowed",
                "The workspace shows the patient whose chart it was opened from; a patient cannot be chosen in the address."));
        var cookie = await SessionCookie.FindAsync(context, sessions, cancellationToken);
        if (cookie is null)
            return new(null, Pages.Message(401, "Please open the workspace again", "Your session has ended or was not started here.",
                nextStep: "Open the care coordinator workspace again from the patient's chart."));
        var session = cookie.Session;
        if (!session.IsPractitioner)
            return new(null, Pages.Message(403, "This page is for the care team",
                "The care coordinator workspace is only for care team members signed in from the health record.",
                nextStep: "Go back to your own list of materials."));
        if (string.IsNullOrEmpty(session.PatientId))
            return new(null, Pages.Message(400, "No patient was chosen", "The health record did not say whose chart the workspace was opened from."));
        if (requireWrite && !session.GrantedScopes.Any(CommunicationWrite))
            return new(null, Pages.Message(403, "Sending is not allowed for this session",
                "The health record did not allow this session to record sent materials (Communication), so nothing was sent.",
                nextStep: "Ask your health record administrator for permission to record patient education."));
        return new(cookie, null);
    }

    private static async Task<IResult> RenderAsync(HttpContext context, SessionCookie cookie, string? language, FormState form, string? confirmation,
        CancellationToken cancellationToken, int statusCode = StatusCodes.Status200OK)
    {
        var services = context.RequestServices;
        var session = cookie.Session;
        // The same session-record load as the patient page: one audit row and one load span per read.
        if (await services.GetRequiredService<PatientPageService>().LoadAsync(cookie, cancellationToken) is not { } record)
            return Pages.Message(401, "Please open the workspace again", "The health record no longer accepts this session.",
                nextStep: "Open the care coordinator workspace again from the patient's chart.");

        var (_, profile, recommendations, gaps) = services.GetRequiredService<RecordRecommender>().Recommend(record, session.PatientId!, language, Audience.Clinician);
        var text = UiText.For(recommendations.Language);
        var history = await services.GetRequiredService<DeliveryService>().ListAsync(session.Issuer, session.PatientId!, cancellationToken);
        var library = services.GetRequiredService<MaterialLibrary>();
        var tokens = services.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        WebLog.CoordinatorPageBuilt(services.GetRequiredService<ILoggerFactory>().CreateLogger("MbcFhirEdu.Web.Features.Coordinator"),
            recommendations.Items.Count, record.MissingParts.Count);
        return Pages.Render<CoordinatorPage>(new Dictionary<string, object?>
        {
            ["Model"] = new CoordinatorPageModel
            {
                Banner = PatientBanner.Read(record.Patient),
                Recommendations = recommendations,
                MaterialText = text,
                Warnings = [.. profile.Warnings],
                RecordMessages = gaps.Count > 0 ? [RecordParts.ClinicianNote(gaps)] : [],
                Deceased = profile.Deceased,
                AccessNotes = session.DegradedScopes,
                CanWriteCommunication = session.GrantedScopes.Any(CommunicationWrite),
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

    private static string? NormaliseNote(string note)
    {
        // Browsers count a newline as one character against maxlength but send it as CR LF.
        var text = note.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
        return text.Length == 0 ? null : text;
    }

    private static int Count(string? value) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? Math.Min(n, MaxMaterialsPerSend) : 0;

    private static string? Confirmation(int created, int existing)
    {
        if (created == 0 && existing == 0) return null;
        static string Materials(int n) => n == 1 ? "1 material" : $"{n} materials";
        var parts = new List<string>();
        if (created > 0) parts.Add($"Sent {Materials(created)}. Each is recorded in the health record and then appears first on the patient's page; the status is in the history below.");
        if (existing > 0) parts.Add($"{Materials(existing)} from this form had already been sent, so {(existing == 1 ? "it was" : "they were")} not sent again.");
        return string.Join(' ', parts);
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

    /// <summary>A new form id per rendered workspace: 128 random bits, base64url.</summary>
    internal static string NewNonce() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));

    [GeneratedRegex("^[A-Za-z0-9_-]{16,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Nonce();

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

/// <summary>
/// The antiforgery cookie's options, like <c>WebCookies</c>: HttpOnly, Secure, SameSite=None, Partitioned, path /.
/// Secure is set here rather than through <c>SecurePolicy.Always</c>, which refuses plain-http requests outright (browsers
/// accept Secure cookies from http://localhost, which keeps development working, as for the session cookie).
/// </summary>
internal sealed class FramedCookieBuilder : CookieBuilder
{
    public FramedCookieBuilder()
    {
        HttpOnly = true;
        SameSite = SameSiteMode.None;
        Path = "/";
        IsEssential = true;
    }

    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        var options = base.Build(context, expiresFrom);
        options.Secure = true;
        options.SameSite = SameSiteMode.None;
        if (!options.Extensions.Contains("Partitioned")) options.Extensions.Add("Partitioned");
        return options;
    }
}

/// <summary>What the send form shows: its id (the idempotency nonce), and on a fixable error what was chosen and written.</summary>
public sealed record FormState(string Nonce, IReadOnlySet<string> Selected, string Note)
{
    public string? Error { get; init; }
    /// <summary>The id of the field the error is about ("personal-note" or "materials").</summary>
    public string? ErrorField { get; init; }

    public static FormState Fresh() => new(CoordinatorEndpoints.NewNonce(), new HashSet<string>(), "");
}

/// <summary>One row of the delivery history: ids and states only, plus the material's title and the coordinator's note.</summary>
public sealed record DeliveryRow(
    Guid Id, string MaterialId, string Title, string Language, DateTimeOffset Sent, string Sender, bool SentByYou, DeliveryStatus Status, string? Error,
    DateTimeOffset? DeliveredAt, DateTimeOffset? FirstOpenedAt)
{
    internal static DeliveryRow From(DeliveryRecord d, MaterialLibrary library, string? you) => new(
        d.Id, d.MaterialId, library.Catalog.Find(d.MaterialId, d.Language)?.Title ?? d.MaterialId, d.Language, d.CreatedAt, SenderLabel.For(d.Sender, d.SenderName),
        you is not null && string.Equals(d.Sender, you, StringComparison.Ordinal), d.Status, d.LastError, d.DeliveredAt, d.FirstOpenedAt);
}

public sealed record CoordinatorPageModel
{
    public PatientBanner? Banner { get; init; }
    public required RecommendationSet Recommendations { get; init; }
    /// <summary>Text for the material cards, in the materials' language (the workspace itself is in English).</summary>
    public required UiText MaterialText { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public IReadOnlyList<string> RecordMessages { get; init; } = [];
    /// <summary>The record shows the patient has died (CODES.md rule 16): no send form.</summary>
    public bool Deceased { get; init; }
    public IReadOnlyList<string> AccessNotes { get; init; } = [];
    /// <summary>Whether the EHR granted Communication create (needed to record a send).</summary>
    public bool CanWriteCommunication { get; init; }
    public string? ThemeUrl { get; init; }
    /// <summary>This launch's workspace address (<c>/coordinator/l/{ctx}</c>): the language link and the form go there.</summary>
    public string WorkspacePath { get; init; } = CoordinatorEndpoints.Path;
    /// <summary>This launch's app address, for the cards' "open on its own page" links.</summary>
    public string AppPath { get; init; } = "/app";
    public required FormState Form { get; init; }
    public required string AntiforgeryField { get; init; }
    public required string AntiforgeryToken { get; init; }
    /// <summary>The result of the send that redirected here, if any.</summary>
    public string? Confirmation { get; init; }
    public IReadOnlyList<DeliveryRow> History { get; init; } = [];
}
