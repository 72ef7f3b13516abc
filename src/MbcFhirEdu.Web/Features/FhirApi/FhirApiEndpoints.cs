using MbcFhirEdu.Core.Matching;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Web.Features.Launch;
using MbcFhirEdu.Web.Features.Materials;
using MbcFhirEdu.Web.Features.Patient;
using MbcFhirEdu.Web.Infrastructure;

namespace MbcFhirEdu.Web.Features.FhirApi;

/// <summary>
/// The app's own FHIR endpoint: <c>GET /fhir/metadata</c> (the MbcEduServer CapabilityStatement, no authorization),
/// <c>GET /fhir/OperationDefinition/education</c>, and <c>GET /fhir/Patient/{id}/$education</c> with the same SMART
/// authorization as the patient page: the session from the launch, whose patient must be <c>{id}</c> (403 otherwise).
/// The record is loaded for the session's patient, never for a patient named by the request.
/// </summary>
internal static class FhirApiEndpoints
{
    public static IServiceCollection AddFhirApi(this IServiceCollection services)
    {
        services.AddSingleton<CapabilityDocuments>();
        return services;
    }

    public static IEndpointRouteBuilder MapFhirApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/fhir");
        group.MapGet("/metadata", (HttpContext context, CapabilityDocuments documents, TimeProvider time) =>
            FhirResults.Resource(documents.CapabilityStatement(PublicUrls.Base(context) + "/fhir", time.GetUtcNow())));
        group.MapGet("/OperationDefinition/education", (CapabilityDocuments documents) => FhirResults.Resource(documents.OperationDefinition));
        group.MapGet("/Patient/{id}/$education", EducationAsync);
        return app;
    }

    private static async Task<IResult> EducationAsync(
        HttpContext context, string id, string? language, string? audience, ITokenSessionStore sessions, PatientPageService pages,
        RecordRecommender recommender, TimeProvider time, CancellationToken cancellationToken)
    {
        var cookie = await SessionCookie.FindAsync(context, sessions, cancellationToken);
        if (cookie is null) return FhirResults.Outcome(401, IssueType.Login, "No app session: launch the app from the health record first.");
        var session = cookie.Session;
        if (string.IsNullOrEmpty(session.PatientId)) return FhirResults.Outcome(403, IssueType.Forbidden, "The session has no patient in context.");
        if (!string.Equals(id, session.PatientId, StringComparison.Ordinal))
            return FhirResults.Outcome(403, IssueType.Forbidden, "This session may only ask for its own patient's $education.");

        Audience who;
        switch (audience)
        {
            case null or "" or "patient": who = Audience.Patient; break;
            case "clinician" when session.IsPractitioner: who = Audience.Clinician; break;
            case "clinician": return FhirResults.Outcome(403, IssueType.Forbidden, "audience=clinician needs a clinician's session.");
            default: return FhirResults.Outcome(400, IssueType.Value, "audience must be patient or clinician.");
        }
        if (language is { Length: > 0 } && (language.Length > 35 || !language.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
            return FhirResults.Outcome(400, IssueType.Value, "language must be a BCP-47 code such as en, es or es-MX.");

        if (await pages.LoadAsync(cookie, cancellationToken) is not { } record)
            return FhirResults.Outcome(401, IssueType.Login, "The health record no longer accepts this session; launch the app again.");
        var result = recommender.Recommend(record, session.PatientId, string.IsNullOrEmpty(language) ? null : language, who, includeEvidence: true);
        var baseUrl = PublicUrls.Base(context);
        var self = $"{baseUrl}/fhir/Patient/{id}/$education" + context.Request.QueryString;
        var now = time.GetUtcNow();
        // Whole seconds: the instant stays readable and every FHIR consumer parses it.
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        return FhirResults.Resource(EducationBundleBuilder.Build(session.PatientId, record, result, baseUrl, self, now));
    }
}
