using System.Text.Json;
using MbcFhirEdu.Core.Matching;
using MbcFhirEdu.Data.Audit;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Web.Features.Audit;
using MbcFhirEdu.Web.Features.Patient;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Features.CdsHooks;

/// <summary>
/// One <c>patient-view</c> call: the record from the prefetch (CDS Hooks 2.0 §"Prefetch"), what is missing fetched
/// from the allow-listed <c>fhirServer</c> with the call's <c>fhirAuthorization</c> token (used for this call only),
/// then the same matching as the patient page, as cards. 412 only when nothing at all could be obtained (no prefetch
/// and no usable fhirServer, or every fetch failed); a part that could not be obtained otherwise leaves a partial
/// record, which the card names (DESIGN.md "Partial and untrustworthy records").
/// </summary>
internal sealed class CdsHookService(
    PatientRecordLoader loader,
    IssuerAllowList allowList,
    RecordRecommender recommender,
    CdsCardBuilder cards,
    AuditLog audit,
    IOptions<CdsHooksOptions> options,
    ILogger<CdsHookService> logger)
{
    /// <summary>Answers the call and writes its audit row (ids only: the hook's userId, fhirServer, the patient id).</summary>
    /// <param name="audited">False only for the start-up warm-up's made-up calls, which read no one's record.</param>
    public async Task<CdsHookResult> AnswerAsync(CdsRequest request, string baseUrl, TimeSpan remaining, bool audited, CancellationToken cancellationToken)
    {
        var result = await AnswerCoreAsync(request, baseUrl, remaining, cancellationToken);
        if (audited) await audit.TryWriteAsync(new AuditEntry(AuditActions.CdsPatientView, result.Answer is not null, request.UserId, request.FhirServer, request.PatientId),
            logger, cancellationToken);
        return result;
    }

    private async Task<CdsHookResult> AnswerCoreAsync(CdsRequest request, string baseUrl, TimeSpan remaining, CancellationToken cancellationToken)
    {
        var parts = new List<(PatientRecordPart Part, FhirSearchResult Result)>();
        var toFetch = new List<PatientRecordPart>();
        var notes = new List<string>();
        var unusable = new List<string>();
        foreach (var (key, part) in CdsDiscovery.PrefetchParts)
        {
            var read = PrefetchReader.Read(request.Prefetch.TryGetValue(key, out var value) ? value : null, part, request.PatientId);
            if (read.State is PrefetchState.Present or PrefetchState.NoData) parts.Add((part, read.Result!));
            else toFetch.Add(part);
            // Sent but unusable (another patient's Patient, an OperationOutcome) is not "lacking": say what was wrong.
            if (read.State == PrefetchState.Failed) unusable.Add($"The prefetched {key} {read.Problem}{(part == PatientRecordPart.Patient ? " (context.patientId)" : "")}.");
            if (read.Result is { Problems.Count: > 0 } prefetched)
                notes.Add($"The EHR's prefetched '{key}' data carried {prefetched.Problems.Count} warning(s).");
        }

        var requests = 0;
        if (toFetch.Count > 0)
        {
            var absent = toFetch.Where(p => !request.Prefetch.ContainsKey(KeyOf(p))).Select(KeyOf).ToList();
            var what = string.Join(" ", unusable.Append(absent.Count > 0 ? $"The prefetch lacks {string.Join(", ", absent)}." : "")).Trim().TrimEnd('.');
            Uri? server = null;
            var cannotFetch = request.FhirServer is null || request.AccessToken is null
                ? $"{what}, and no fhirServer with fhirAuthorization was sent to fetch it."
                : !allowList.TryGetIssuer(request.FhirServer, out server)
                    ? $"{what}, and fhirServer is not on this service's allow-list."
                    : null;
            if (cannotFetch is not null)
            {
                if (parts.Count == 0) return CdsHookResult.Precondition(cannotFetch);
                // A client that prefetches only some keys (e.g. one written before the reports template) still gets an
                // answer from what it sent; the parts it left out are named as missing, never read as "not recorded".
                var problem = new FhirProblem(FhirProblemKind.InvalidRequest, cannotFetch);
                parts.AddRange(toFetch.Select(part => (part, new FhirSearchResult([], [problem], 0, 0))));
                return Answer(parts, 0, baseUrl, request.PatientId, notes, fetchedParts: 0);
            }

            var fetched = await loader.LoadAsync(FhirConnection.WithBearer(server!, request.AccessToken!), request.PatientId, remaining, toFetch, cancellationToken);
            requests = fetched.RequestCount;
            if (RecordParts.PastDeadline(fetched) is { Length: > 0 } stopped)
                CdsLog.DeadlineReached(logger, stopped, (long)fetched.Elapsed.TotalMilliseconds, (long)remaining.TotalMilliseconds, (long)options.Value.Deadline.TotalMilliseconds);
            // Missing and incomplete apart, as the card names them.
            if (!fetched.IsComplete) CdsLog.FetchPartial(logger, fetched.MissingParts.Count, fetched.IncompleteParts.Count, RecordParts.LogSummary(fetched));
            if (fetched.MissingParts.Count > 0)
            {
                var why = string.Join("; ", fetched.Problems.Select(p => p.Problem.Message).Distinct());
                // Nothing at all to go on (e.g. the token was refused): no card rather than a card about an empty record.
                if (parts.Count == 0 && fetched.MissingParts.Count == toFetch.Count)
                    return CdsHookResult.Precondition($"{string.Join(", ", fetched.MissingParts.Select(KeyOf))} could not be read from fhirServer: {why}");
            }
            // A part that could not be fetched stays missing (no pages read): the card names it, and it is never read as "not recorded".
            foreach (var part in toFetch) parts.Add((part, FromRecord(fetched, part)));
            if (fetched.IncompleteParts.Count > 0) notes.Add($"Some of {string.Join(", ", fetched.IncompleteParts.Select(KeyOf))} could not be read in full.");
        }

        return Answer(parts, requests, baseUrl, request.PatientId, notes, toFetch.Count);
    }

    private CdsHookResult Answer(List<(PatientRecordPart Part, FhirSearchResult Result)> parts, int requests, string baseUrl, string patientId,
        IReadOnlyList<string> notes, int fetchedParts)
    {
        var (answer, result) = Cards(recommender, cards, parts, requests, baseUrl, patientId, notes);
        CdsLog.Answered(logger, answer.Count, result.Recommendations.Items.Count, fetchedParts, requests);
        return CdsHookResult.Cards(answer);
    }

    /// <summary>The record from its parts, its recommendations and the cards.</summary>
    private static (IReadOnlyList<CdsCard> Cards, RecordRecommendation Result) Cards(RecordRecommender recommender, CdsCardBuilder cards,
        List<(PatientRecordPart Part, FhirSearchResult Result)> parts, int requests, string baseUrl, string patientId, IReadOnlyList<string> notes)
    {
        var record = PatientRecordLoader.Assemble(parts, requests, TimeSpan.Zero);
        var result = recommender.Recommend(record, patientId, "en", Audience.Clinician);
        return (cards.Build(result, baseUrl, notes), result);
    }

    private static FhirSearchResult FromRecord(FetchedRecord record, PatientRecordPart part)
    {
        var problems = record.Problems.Where(p => p.Part == part).Select(p => p.Problem).ToList();
        if (record.MissingParts.Contains(part)) return new FhirSearchResult([], problems, 0, 0);
        IReadOnlyList<JsonElement> resources = part switch
        {
            PatientRecordPart.Patient => record.Patient is { } patient ? [patient] : [],
            PatientRecordPart.Conditions => record.Conditions,
            PatientRecordPart.Reports => record.Reports,
            _ => record.Observations,
        };
        return new FhirSearchResult(resources, problems, 1, 0);
    }

    private static string KeyOf(PatientRecordPart part) => CdsDiscovery.PrefetchParts.First(p => p.Value == part).Key;
}

/// <summary>Cards, or a 412 message.</summary>
internal sealed record CdsHookResult(IReadOnlyList<CdsCard>? Answer, string? PreconditionFailed)
{
    public static CdsHookResult Cards(IReadOnlyList<CdsCard> cards) => new(cards, null);
    public static CdsHookResult Precondition(string message) => new(null, message);
}
