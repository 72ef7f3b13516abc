using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Core.Matching;
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
    PatientPageCache cache,
    IOptions<WebOptions> options,
    TimeProvider timeProvider,
    ILogger<PatientPageService> logger)
{
    private async Task<LoadedPatient?> LoadAsync(SessionCookie cookie, string patientId, CancellationToken cancellationToken)
    {
        var session = cookie.Session;
        var record = await loader.LoadAsync(FhirConnection.For(cookie.Id, session), patientId, null, cancellationToken);
        if (record.MissingParts.Count == Enum.GetValues<PatientRecordPart>().Length
            && record.Problems.All(p => p.Problem.Kind == FhirProblemKind.Unauthorized))
            return null;

        var data = PatientRecordReader.ToPatientData(record, patientId);
        return new LoadedPatient
        {
            Profile = ProfileExtractor.Extract(data),
            Gender = data.Patient.Gender,
            Banner = session.NeedPatientBanner ? PatientBanner.Read(record.Patient) : null,
            MissingParts = record.MissingParts,
            IncompleteParts = record.IncompleteParts,
            FhirRequests = record.RequestCount,
            CriticalPathRequests = record.CriticalPathRequests,
            FhirElapsed = record.Elapsed,
            // A partial or failed load is shown but never kept: the next page load tries again.
            Complete = record.IsComplete && record.Problems.Count == 0,
            CachedUntil = cache.UntilFromNow(),
        };
    }

    public async Task<PatientPageResult> BuildAsync(SessionCookie cookie, string? requestedLanguage, CancellationToken cancellationToken)
    {
        var session = cookie.Session;
        var patientId = session.PatientId!;
        var loaded = cache.GetRecord(cookie.Id, patientId);
        if (loaded is null)
        {
            // A shared load runs to its own deadline (Smart:PageLoadDeadline) even if this request goes away.
            var shared = cache.Enabled;
            loaded = await cache.LoadOnceAsync(cookie.Id, patientId,
                () => LoadAsync(cookie, patientId, shared ? CancellationToken.None : cancellationToken), cancellationToken);
            if (loaded is null) return new PatientPageResult(null, SessionEnded: true);
        }
        // Only the page that used a load first reports its FHIR cost; cached pages and requests that shared it say 0.
        var fromCache = !loaded.FirstUse();

        var profile = loaded.Profile;
        var clinician = session.IsPractitioner;
        var recommendations = MatchingEngine.Recommend(profile, library.Catalog, new MatchRequest
        {
            // Patient.communication first (the profile's language); the page's toggle second.
            Language = requestedLanguage ?? profile.Language,
            Audience = clinician ? Audience.Clinician : Audience.Patient,
            Policy = new MatchPolicy { HoldRecentDays = options.Value.HoldRecentDays, Today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime) },
            Sex = loaded.Gender,
        });
        var text = UiText.For(recommendations.Language);
        if (!fromCache)
        {
            WebLog.PatientPageBuilt(logger, recommendations.Items.Count, loaded.MissingParts.Count, loaded.FhirRequests,
                loaded.CriticalPathRequests, (long)loaded.FhirElapsed.TotalMilliseconds);
        }

        return new PatientPageResult(new PatientPageModel
        {
            Text = text,
            Recommendations = recommendations,
            Clinician = clinician,
            Profile = clinician ? profile : null,
            Banner = loaded.Banner,
            RecordMessages = [.. loaded.MissingParts.Select(p => text.Missing[p]), .. loaded.IncompleteParts.Select(p => text.Incomplete[p])],
            AccessNotes = session.DegradedScopes,
            ThemeUrl = session.SmartStyleUrl is null ? null : PatientEndpoints.ThemePath,
            FhirRequests = fromCache ? 0 : loaded.FhirRequests,
            CriticalPathRequests = fromCache ? 0 : loaded.CriticalPathRequests,
            FhirElapsed = fromCache ? TimeSpan.Zero : loaded.FhirElapsed,
            FromCache = fromCache,
            CacheableUntil = loaded.Complete && cache.Enabled ? loaded.CachedUntil : null,
        }, SessionEnded: false);
    }
}

/// <summary>The page, or the news that the EHR no longer accepts the session.</summary>
internal sealed record PatientPageResult(PatientPageModel? Page, bool SessionEnded);
