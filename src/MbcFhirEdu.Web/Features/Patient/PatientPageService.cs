using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Core.Matching;
using MbcFhirEdu.Fhir.Diagnostics;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Web.Components;
using MbcFhirEdu.Web.Features.Launch;
using MbcFhirEdu.Web.Features.Materials;
using MbcFhirEdu.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Features.Patient;

/// <summary>
/// One page load: the record of the session's patient (one parallel wave of FHIR requests under
/// <c>Smart:PageLoadDeadline</c>), the profile, the recommendations. The patient id comes from the token response
/// kept in the session, never from the request.
/// </summary>
internal sealed class PatientPageService(
    PatientRecordLoader loader,
    MaterialLibrary library,
    IOptions<WebOptions> options,
    TimeProvider timeProvider,
    EduMetrics metrics,
    ILogger<PatientPageService> logger)
{
    public async Task<PatientPageResult> BuildAsync(SessionCookie cookie, string? requestedLanguage, CancellationToken cancellationToken)
    {
        var session = cookie.Session;
        var patientId = session.PatientId!;
        MbcFhirEdu.Fhir.Http.PatientRecord record;
        using (var activity = metrics.ActivitySource.StartActivity("patient-record.load"))
        {
            record = await loader.LoadAsync(FhirConnection.For(cookie.Id, session), patientId, null, cancellationToken);
            activity?.SetTag("mbcedu.fhir.requests", record.RequestCount);
            activity?.SetTag("mbcedu.record.missing_parts", record.MissingParts.Count);
        }
        if (record.MissingParts.Count == Enum.GetValues<PatientRecordPart>().Length
            && record.Problems.All(p => p.Problem.Kind == FhirProblemKind.Unauthorized))
            return new PatientPageResult(null, SessionEnded: true);

        var data = PatientRecordReader.ToPatientData(record, patientId);
        var profile = ProfileExtractor.Extract(data);
        var clinician = session.IsPractitioner;
        var recommendations = MatchingEngine.Recommend(profile, library.Catalog, new MatchRequest
        {
            // Patient.communication first (the profile's language); the page's toggle second.
            Language = requestedLanguage ?? profile.Language,
            Audience = clinician ? Audience.Clinician : Audience.Patient,
            Policy = new MatchPolicy { HoldRecentDays = options.Value.HoldRecentDays, Today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime) },
            Sex = data.Patient.Gender,
        });
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
