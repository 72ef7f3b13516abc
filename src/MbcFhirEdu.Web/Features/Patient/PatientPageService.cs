using ProfileExtractor = MbcFhirEdu.Core.Clinical.ProfileExtractor;
using MbcFhirEdu.Core.Matching;
using MbcFhirEdu.Data.Audit;
using MbcFhirEdu.Web.Infrastructure.Observability;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Web.Components;
using MbcFhirEdu.Web.Features.Launch;
using MbcFhirEdu.Web.Features.Audit;
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
    RecordRecommender recommender,
    AuditLog audit,
    EduMetrics metrics,
    PatientPageCache cache,
    IAccessTokenSource tokens,
    TimeProvider timeProvider,
    IOptions<SmartClientOptions> smartOptions,
    ILogger<PatientPageService> logger)
{
    /// <summary>The session patient's record, or null when the EHR no longer accepts the session.</summary>
    public async Task<FetchedRecord?> LoadAsync(SessionCookie cookie, CancellationToken cancellationToken)
    {
        var (record, audited) = await ReadRecordAsync(cookie, FhirConnection.For(cookie.Id, cookie.Session), readAhead: null, cancellationToken);
        await audited;
        return record;
    }

    /// <summary>
    /// The record (null when the EHR no longer accepts the session) and the write of its audit row, which runs while the
    /// caller goes on; a caller awaits it before it answers, so every response that used the record has its row committed.
    /// </summary>
    private async Task<(FetchedRecord? Record, Task Audited)> ReadRecordAsync(SessionCookie cookie, FhirConnection connection, RecordReadAhead? readAhead,
        CancellationToken cancellationToken)
    {
        var session = cookie.Session;
        var patientId = session.PatientId!;
        FetchedRecord record;
        using (var activity = metrics.ActivitySource.StartActivity("patient-record.load"))
        {
            record = readAhead is null
                ? await loader.LoadAsync(connection, patientId, null, cancellationToken)
                : await loader.LoadReadingAheadAsync(connection, patientId, readAhead, cancellationToken);
            activity?.SetTag("mbcedu.fhir.requests", record.RequestCount);
            activity?.SetTag("mbcedu.record.missing_parts", record.MissingParts.Count);
        }
        var nothingRead = record.MissingParts.Count == Enum.GetValues<PatientRecordPart>().Length;
        // One audit row per load that read (or tried to read) the patient's data: ids only.
        var audited = audit.TryWriteAsync(new AuditEntry(AuditActions.PatientRead, !nothingRead, session.FhirUser, session.Issuer.AbsoluteUri, patientId), logger, cancellationToken);
        if (nothingRead && record.Problems.All(p => p.Problem.Kind == FhirProblemKind.Unauthorized)) return (null, audited);
        LogFaults(record);
        return (record, audited);
    }

    // Once per load (pages that share a load do not repeat it), in the words the page uses: which request, never its URL.
    private void LogFaults(FetchedRecord record)
    {
        if (RecordParts.PastDeadline(record) is { Length: > 0 } stopped)
            WebLog.PageDeadlineReached(logger, stopped, (long)record.Elapsed.TotalMilliseconds, (long)smartOptions.Value.PageLoadDeadline.TotalMilliseconds);
        if (!record.IsComplete)
            WebLog.RecordPartlyRead(logger, record.MissingParts.Count, record.IncompleteParts.Count, RecordParts.LogSummary(record));
    }

    private async Task<LoadedPatient?> LoadPatientAsync(SessionCookie cookie, string patientId, FhirConnection connection, CancellationToken cancellationToken)
    {
        var session = cookie.Session;
        // Each part is read through Firely as it arrives, while the rest of the wave is still coming.
        var readAhead = new RecordReadAhead();
        var (record, audited) = await ReadRecordAsync(cookie, connection, readAhead, cancellationToken);
        if (record is null)
        {
            await audited;
            return null;
        }

        // Extraction, the banner, and the page's matching and rendering run while the audit row is written (on another
        // thread); the page awaits it before it answers (PatientPageResult.Audited).
        var data = PatientRecordReader.ToPatientData(record, patientId, readAhead);
        return new LoadedPatient
        {
            Profile = ProfileExtractor.Extract(data),
            Gender = data.Patient.Gender,
            // Clinicians always get the banner (the page leaves it out only inside an EHR frame that shows its own).
            Banner = session.NeedPatientBanner || session.IsPractitioner ? PatientBanner.Read(record.Patient) : null,
            MissingParts = record.MissingParts,
            IncompleteParts = record.IncompleteParts,
            FhirRequests = record.RequestCount,
            CriticalPathRequests = record.CriticalPathRequests,
            FhirElapsed = record.Elapsed,
            // A partial or failed load is shown but never kept: the next page load tries again.
            Complete = record.IsComplete && record.Problems.Count == 0,
            CachedUntil = cache.UntilFromNow(),
            Audited = audited,
        };
    }

    /// <summary>
    /// Starts reading the launched patient's record as soon as its session is built (at <c>/callback</c>, before the
    /// session is saved and before the browser follows the redirect to the page), with the token the launch was just
    /// given (<see cref="NewSessionTokenSource"/>): the first page joins this load through
    /// <see cref="PatientPageCache.LoadOnceAsync"/> instead of starting its wave a store write, a redirect and a session
    /// lookup later. Only with the record cache on: without it a load is not shared, so the page would read the record twice.
    /// </summary>
    public void StartLoad(SessionCookie cookie)
    {
        var patientId = cookie.Session.PatientId;
        if (!cache.Enabled || string.IsNullOrEmpty(patientId) || cache.GetRecord(cookie.Id, patientId) is not null) return;
        var connection = FhirConnection.For(cookie.Id, cookie.Session) with
        {
            TokenSource = new NewSessionTokenSource(cookie.Session, tokens, smartOptions.Value.TokenRefreshMargin, timeProvider),
        };
        _ = PreloadAsync(cookie, patientId, connection);
    }

    private async Task PreloadAsync(SessionCookie cookie, string patientId, FhirConnection connection)
    {
        try
        {
            // Bounded by Smart:PageLoadDeadline like any shared load; no request to cancel it.
            await cache.LoadOnceAsync(cookie.Id, patientId, () => LoadPatientAsync(cookie, patientId, connection, CancellationToken.None), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Nothing waits on this task; a page that joined the load sees the failure itself and the next one loads again.
            WebLog.RecordPreloadFailed(logger, ex.GetType().Name);
        }
    }

    /// <summary>The banner of the session's patient, from the load the list page made (or a new one); held no longer than that load.</summary>
    public async Task<PatientBanner?> BannerAsync(SessionCookie cookie, CancellationToken cancellationToken)
    {
        var patientId = cookie.Session.PatientId!;
        var loaded = cache.GetRecord(cookie.Id, patientId)
            ?? await cache.LoadOnceAsync(cookie.Id, patientId,
                () => LoadPatientAsync(cookie, patientId, FhirConnection.For(cookie.Id, cookie.Session), cache.Enabled ? CancellationToken.None : cancellationToken), cancellationToken);
        if (loaded is not null) await loaded.Audited;
        return loaded?.Banner;
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
                () => LoadPatientAsync(cookie, patientId, FhirConnection.For(cookie.Id, cookie.Session), shared ? CancellationToken.None : cancellationToken), cancellationToken);
            if (loaded is null) return new PatientPageResult(null, SessionEnded: true);
        }
        // Only the page that used a load first reports its FHIR cost; cached pages and requests that shared it say 0.
        var fromCache = !loaded.FirstUse();

        var profile = loaded.Profile;
        var clinician = session.IsPractitioner;
        var gaps = RecordParts.Gaps(loaded.MissingParts, loaded.IncompleteParts);
        var recommendations = recommender.RecommendProfile(profile, loaded.Gender, requestedLanguage, clinician ? Audience.Clinician : Audience.Patient, gaps);
        metrics.RecommendationsServed(clinician ? "clinician" : "patient", recommendations.Items.Count);
        var text = UiText.For(recommendations.Language);
        if (!fromCache)
        {
            WebLog.PatientPageBuilt(logger, recommendations.Items.Count, loaded.MissingParts.Count, loaded.IncompleteParts.Count, loaded.FhirRequests,
                loaded.CriticalPathRequests, (long)loaded.FhirElapsed.TotalMilliseconds);
        }

        return new PatientPageResult(new PatientPageModel
        {
            Text = text,
            Recommendations = recommendations,
            Clinician = clinician,
            Profile = clinician ? profile : null,
            Banner = loaded.Banner,
            // The clinician is told which part is missing and that its contents are unknown; the patient, in plain words.
            RecordMessages = clinician
                ? gaps.Count > 0 ? [RecordParts.ClinicianNote(gaps)] : []
                : [.. loaded.MissingParts.Select(p => text.Missing[p]), .. loaded.IncompleteParts.Select(p => text.Incomplete[p])],
            RecordGaps = gaps,
            Deceased = profile.Deceased,
            AccessNotes = session.DegradedScopes,
            ThemeUrl = session.SmartStyleUrl is null ? null : cookie.ThemePath,
            AppPath = cookie.AppPath,
            FhirRequests = fromCache ? 0 : loaded.FhirRequests,
            CriticalPathRequests = fromCache ? 0 : loaded.CriticalPathRequests,
            FhirElapsed = fromCache ? TimeSpan.Zero : loaded.FhirElapsed,
            FromCache = fromCache,
            CacheableUntil = loaded.Complete && cache.Enabled ? loaded.CachedUntil : null,
        }, SessionEnded: false) { Audited = loaded.Audited };
    }
}

/// <summary>The page, or the news that the EHR no longer accepts the session.</summary>
internal sealed record PatientPageResult(PatientPageModel? Page, bool SessionEnded)
{
    /// <summary>The audit row of the load the page used: committed before the page is sent (complete for a reused load).</summary>
    public Task Audited { get; init; } = Task.CompletedTask;
}
