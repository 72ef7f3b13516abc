using MbcFhirEdu.Core.Matching;
using MbcFhirEdu.Data.Audit;
using MbcFhirEdu.Fhir.Diagnostics;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Web.Components;
using MbcFhirEdu.Web.Features.Launch;
using MbcFhirEdu.Web.Features.Audit;
using MbcFhirEdu.Web.Infrastructure;

namespace MbcFhirEdu.Web.Features.Patient;

/// <summary>
/// One page load: the record of the session's patient (one parallel wave of FHIR requests under
/// <c>Smart:PageLoadDeadline</c>), the profile, the recommendations. The patient id comes from the token response
/// kept in the session, never from the request.
/// </summary>
internal sealed class PatientPageService(
    PatientRecordLoader loader,
    RecordRecommender recommender,
    AuditLog audit,
    EduMetrics metrics,
    ILogger<PatientPageService> logger)
{
    /// <summary>The session patient's record, or null when the EHR no longer accepts the session.</summary>
    public async Task<PatientRecord?> LoadAsync(SessionCookie cookie, CancellationToken cancellationToken)
    {
        var session = cookie.Session;
        var patientId = session.PatientId!;
        PatientRecord record;
        using (var activity = metrics.ActivitySource.StartActivity("patient-record.load"))
        {
            record = await loader.LoadAsync(FhirConnection.For(cookie.Id, session), patientId, null, cancellationToken);
            activity?.SetTag("mbcedu.fhir.requests", record.RequestCount);
            activity?.SetTag("mbcedu.record.missing_parts", record.MissingParts.Count);
        }
        var nothingRead = record.MissingParts.Count == Enum.GetValues<PatientRecordPart>().Length;
        // One audit row per load that read (or tried to read) the patient's data: ids only.
        await audit.TryWriteAsync(new AuditEntry(AuditActions.PatientRead, !nothingRead, session.FhirUser, session.Issuer.AbsoluteUri, patientId), logger, cancellationToken);
        return nothingRead && record.Problems.All(p => p.Problem.Kind == FhirProblemKind.Unauthorized) ? null : record;
    }

    public async Task<PatientPageResult> BuildAsync(SessionCookie cookie, string? requestedLanguage, CancellationToken cancellationToken)
    {
        var session = cookie.Session;
        var patientId = session.PatientId!;
        if (await LoadAsync(cookie, cancellationToken) is not { } record) return new PatientPageResult(null, SessionEnded: true);

        var clinician = session.IsPractitioner;
        // Patient.communication first (the profile's language); the page's toggle second.
        var (_, profile, recommendations) = recommender.Recommend(record, patientId, requestedLanguage, clinician ? Audience.Clinician : Audience.Patient);
        metrics.RecommendationsServed(clinician ? "clinician" : "patient", recommendations.Items.Count);
        var text = UiText.For(recommendations.Language);
        WebLog.PatientPageBuilt(logger, recommendations.Items.Count, record.MissingParts.Count, record.RequestCount,
            record.CriticalPathRequests, (long)record.Elapsed.TotalMilliseconds);

        return new PatientPageResult(new PatientPageModel
        {
            Text = text,
            Recommendations = recommendations,
            Clinician = clinician,
            Profile = clinician ? profile : null,
            Banner = session.NeedPatientBanner ? PatientBanner.Read(record.Patient) : null,
            RecordMessages = [.. record.MissingParts.Select(p => text.Missing[p]), .. record.IncompleteParts.Select(p => text.Incomplete[p])],
            AccessNotes = session.DegradedScopes,
            ThemeUrl = session.SmartStyleUrl is null ? null : PatientEndpoints.ThemePath,
            FhirRequests = record.RequestCount,
            CriticalPathRequests = record.CriticalPathRequests,
            FhirElapsed = record.Elapsed,
        }, SessionEnded: false);
    }
}

/// <summary>The page, or the news that the EHR no longer accepts the session.</summary>
internal sealed record PatientPageResult(PatientPageModel? Page, bool SessionEnded);
