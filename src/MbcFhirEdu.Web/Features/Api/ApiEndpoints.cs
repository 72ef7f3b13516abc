using System.Diagnostics;
using MbcFhirEdu.Core.Matching;
using MbcFhirEdu.Data.Audit;
using MbcFhirEdu.Web.Features.Audit;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Web.Components;
using MbcFhirEdu.Web.Features.Materials;
using MbcFhirEdu.Web.Features.Patient;
using MbcFhirEdu.Web.Infrastructure;
using MbcFhirEdu.Web.Infrastructure.ApiAuth;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Features.Api;

/// <summary>
/// The server-to-server API for care-management systems (bearer tokens, see <see cref="ApiAuthentication"/>):
/// <c>GET /api/v1/patients/{id}/recommendations</c> (role Education.Read) reads the patient's record from
/// <c>Api:FhirBase</c> with SMART Backend Services and answers what the launched pages would recommend, as JSON.
/// Deliveries: <see cref="ApiDeliveryEndpoints"/>; the audit export: <see cref="ApiAuditEndpoints"/>. Every patient read
/// and send writes an audit row whose actor is the caller (<see cref="ApiCaller.Actor"/>).
/// </summary>
internal static partial class ApiEndpoints
{
    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9.-]{1,64}$")]
    private static partial System.Text.RegularExpressions.Regex FhirId();

    public static IServiceCollection AddApi(this WebApplicationBuilder builder)
    {
        DevelopmentBackendKey.EnsureInDevelopment(builder);
        builder.Services.AddApiAuthentication(builder.Configuration, builder.Environment);
        builder.Services.AddSmartBackendServices(builder.Configuration);
        // Spanish titles and reasons stay readable in the JSON (HTML-sensitive characters are still escaped).
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder =
            System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        return builder.Services;
    }

    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/api/v1").AddEndpointFilter(NoStore);
        v1.MapGet("/patients/{id}/recommendations", RecommendationsAsync).RequireAuthorization(ApiRoles.ReadPolicy);
        v1.MapApiDeliveries();
        v1.MapApiAudit();
        v1.MapApiWorklist();
        // Every other /api address: JSON 404 for a caller with a valid token, 401 without one.
        app.MapFallback("/api/{**rest}", () => Error(404, "not_found", "There is no API endpoint at this address."))
            .RequireAuthorization(ApiRoles.ReadPolicy);
        return app;
    }

    internal static bool IsFhirId(string id) => FhirId().IsMatch(id);

    private static async Task<IResult> RecommendationsAsync(
        HttpContext context, string id, string? lang, IOptions<ApiOptions> apiOptions, IssuerAllowList allowList,
        BackendServicesTokenSource backend, PatientRecordLoader loader, RecordRecommender recommender, AuditLog audit, ILoggerFactory logs,
        CancellationToken cancellationToken)
    {
        var logger = logs.CreateLogger("MbcFhirEdu.Web.Features.Api");
        var started = Stopwatch.GetTimestamp();
        if (!FhirId().IsMatch(id)) return Error(400, "invalid_patient_id", "The patient id is not a valid FHIR id (1-64 of A-Z, a-z, 0-9, '-' and '.').");
        if (lang is not null && !MaterialLibrary.IsLanguage(lang)) return Error(400, "invalid_lang", "lang must be en or es.");
        if (!allowList.TryGetIssuer(apiOptions.Value.FhirBase, out var fhirBase))
            return Error(503, "not_configured", "Api:FhirBase is not set or is not one of Smart:AllowedIssuers.");
        if (!backend.IsConfigured)
            return Error(503, "not_configured", "SMART Backend Services is not configured (BackendServices:ClientId and key).");

        var record = await loader.LoadAsync(FhirConnection.ForBackend(fhirBase, backend), id, null, cancellationToken);
        await audit.TryWriteAsync(new AuditEntry(ApiAuditActions.RecommendationsRead, record.Patient is not null, ApiCaller.Actor(context.User),
            fhirBase.AbsoluteUri, id), logger, cancellationToken);
        if (record.Patient is null)
        {
            var problem = record.Problems.FirstOrDefault(p => p.Part == PatientRecordPart.Patient)?.Problem
                          ?? new FhirProblem(FhirProblemKind.InvalidResponse, "The EHR returned no Patient resource.");
            var (status, code) = StatusFor(problem);
            WebLog.ApiRecommendations(logger, status, 0, record.MissingParts.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return Error(status, code, problem.ServerText is null ? problem.Message : $"{problem.Message} The EHR said: {problem.ServerText}");
        }

        var (_, profile, recommendations, gaps) = recommender.Recommend(record, id, lang, Audience.Clinician);
        var text = UiText.For(recommendations.Language);
        var origin = PublicUrls.Base(context) + context.Request.PathBase;
        WebLog.ApiRecommendations(logger, 200, recommendations.Items.Count, record.MissingParts.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return TypedResults.Json(new RecommendationsResponse
        {
            Patient = id,
            Language = recommendations.Language,
            Deceased = profile.Deceased,
            MissingParts = RecordParts.Names(gaps, "en"),
            Materials = [.. recommendations.Items.Select(r => new MaterialResponse
            {
                Id = r.MaterialId,
                Title = r.Title,
                Summary = r.Summary,
                Url = $"{origin}/materials/{r.Language}/{Uri.EscapeDataString(r.MaterialId)}",
                Language = r.Language,
                Urgency = r.Urgent ? "urgent" : "routine",
                Group = r.Group.ToString().ToLowerInvariant(),
                Reasons = r.Reasons,
                Evidence = [.. r.Evidence.Select(e => new EvidenceResponse(e.Fact, e.Resource, e.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), e.Confirmed))],
            })],
            Warnings = [.. profile.Warnings,
                .. record.MissingParts.Select(p => text.Missing[p]), .. record.IncompleteParts.Select(p => text.Incomplete[p])],
            Notes = recommendations.Notes,
        });
    }

    /// <summary>What an EHR failure on the Patient read means to the API's caller.</summary>
    internal static (int Status, string Code) StatusFor(FhirProblem problem) => problem.Kind switch
    {
        FhirProblemKind.NotFound => (404, "patient_not_found"),
        FhirProblemKind.InvalidRequest => (400, "invalid_request"),
        FhirProblemKind.Timeout or FhirProblemKind.DeadlineExceeded => (504, "ehr_timeout"),
        FhirProblemKind.Unauthorized or FhirProblemKind.Forbidden => (502, "ehr_refused_backend_access"),
        _ => (502, "ehr_unavailable"),
    };

    internal static IResult Error(int status, string code, string message) =>
        TypedResults.Json(new Dictionary<string, string> { ["error"] = code, ["message"] = message }, statusCode: status);

    private static async ValueTask<object?> NoStore(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        return await next(context);
    }
}

internal sealed record RecommendationsResponse
{
    public required string Patient { get; init; }
    public required string Language { get; init; }
    /// <summary>The record shows the patient has died (CODES.md rule 16): no materials, and deliveries are refused.</summary>
    public bool Deceased { get; init; }
    /// <summary>
    /// Parts of the record that failed or loaded only in part ("conditions", "reports", …): what they hold is unknown,
    /// not absent, and the materials are chosen from the rest.
    /// </summary>
    public IReadOnlyList<string> MissingParts { get; init; } = [];
    public required IReadOnlyList<MaterialResponse> Materials { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }
    public required IReadOnlyList<string> Notes { get; init; }
}

internal sealed record MaterialResponse
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Summary { get; init; }
    public required string Url { get; init; }
    public required string Language { get; init; }
    /// <summary><c>urgent</c> (red-flag guidance, shown first) or <c>routine</c>.</summary>
    public required string Urgency { get; init; }
    public required string Group { get; init; }
    public required IReadOnlyList<string> Reasons { get; init; }
    public required IReadOnlyList<EvidenceResponse> Evidence { get; init; }
}

internal sealed record EvidenceResponse(string Fact, string Resource, string? Date, bool Confirmed);
