using System.Text.Json;
using MbcFhirEdu.Fhir.Smart;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Fhir.Http;

/// <summary>
/// Loads what the profile needs for one patient under one overall deadline (<c>Smart:PageLoadDeadline</c>): after the
/// access token is ensured, ONE parallel wave of five requests — Patient read, Condition search, Observation search
/// with category=laboratory, Observation search by <see cref="CancerFactCodes"/> (stage, TNM, receptors and
/// metastasis facts whatever their category), and DiagnosticReport search (every category: a bone scan's
/// conclusionCode may be the only record of a site). A failing part does not stop the others; the result names it.
/// </summary>
public sealed class PatientRecordLoader(
    FhirRestClient client,
    IAccessTokenSource tokens,
    IOptions<SmartClientOptions> options,
    TimeProvider timeProvider,
    ILogger<PatientRecordLoader> logger)
{
    private static readonly PatientRecordPart[] AllParts = Enum.GetValues<PatientRecordPart>();

    /// <param name="patientId">From the session's token response on patient-facing routes, never from a query string.</param>
    /// <param name="deadline">Overrides <c>Smart:PageLoadDeadline</c>.</param>
    public Task<FetchedRecord> LoadAsync(FhirConnection connection, string patientId, TimeSpan? deadline, CancellationToken cancellationToken) =>
        LoadAsync(connection, patientId, deadline, AllParts, cancellationToken);

    /// <summary>
    /// As <see cref="LoadAsync(FhirConnection, string, TimeSpan?, CancellationToken)"/>, sending only the requests of
    /// <paramref name="parts"/> (the others are neither loaded nor reported missing): a CDS Hooks call fetches only what
    /// its prefetch lacked.
    /// </summary>
    public Task<FetchedRecord> LoadAsync(
        FhirConnection connection, string patientId, TimeSpan? deadline, IReadOnlyCollection<PatientRecordPart> parts, CancellationToken cancellationToken) =>
        LoadAsync(connection, patientId, deadline, parts, readAhead: null, cancellationToken);

    /// <summary>
    /// As <see cref="LoadAsync(FhirConnection, string, TimeSpan?, CancellationToken)"/>, handing each part to
    /// <paramref name="readAhead"/> as soon as it arrives, so its reading overlaps the rest of the wave.
    /// </summary>
    public Task<FetchedRecord> LoadReadingAheadAsync(FhirConnection connection, string patientId, RecordReadAhead readAhead, CancellationToken cancellationToken) =>
        LoadAsync(connection, patientId, null, AllParts, readAhead, cancellationToken);

    private async Task<FetchedRecord> LoadAsync(FhirConnection connection, string patientId, TimeSpan? deadline, IReadOnlyCollection<PatientRecordPart> parts,
        RecordReadAhead? readAhead, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(parts);
        var started = timeProvider.GetTimestamp();
        if (!FhirPaths.IsValidId(patientId)) return AllMissing(new(FhirProblemKind.InvalidRequest, "Not a valid patient id."), started, parts);

        using var loadDeadline = new Deadline(deadline ?? options.Value.PageLoadDeadline, timeProvider, cancellationToken);
        var ct = loadDeadline.Token;

        // Refresh (if due) happens here, once, rather than racing inside the parallel requests.
        if (connection.BearerToken is null)
        {
            AccessTokenResult token;
            try { token = await (connection.TokenSource ?? tokens).GetAccessTokenAsync(connection.SessionId, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { return AllMissing(Deadline, started, parts); }
            if (!token.Succeeded) return AllMissing(new(FhirProblemKind.Unauthorized, token.Error.Message), started, parts);
        }

        var budget = new FhirLoadBudget(options.Value.MaxLoadBytes);
        KeyValuePair<string, string>[] patient = [KeyValuePair.Create("patient", patientId)];
        var requests = new List<Task<(PatientRecordPart Part, FhirSearchResult Result)>>();
        if (parts.Contains(PatientRecordPart.Patient))
            requests.Add(RunAsync(readAhead, PatientRecordPart.Patient, async c => FromRead(await client.ReadAsync(connection, "Patient", patientId, budget, c).ConfigureAwait(false)), ct));
        if (parts.Contains(PatientRecordPart.Conditions))
            requests.Add(RunAsync(readAhead, PatientRecordPart.Conditions, c => client.SearchAsync(connection, "Condition", patient, budget, c), ct));
        if (parts.Contains(PatientRecordPart.LabObservations))
            requests.Add(RunAsync(readAhead, PatientRecordPart.LabObservations,
                c => client.SearchAsync(connection, "Observation", [.. patient, KeyValuePair.Create("category", "laboratory")], budget, c), ct));
        if (parts.Contains(PatientRecordPart.CancerFactObservations))
            requests.Add(RunAsync(readAhead, PatientRecordPart.CancerFactObservations,
                c => client.SearchAsync(connection, "Observation", [.. patient, KeyValuePair.Create("code", CancerFactCodes.SearchValue)], budget, c), ct));
        // No category filter: imaging and pathology reports are filed under RAD, NMR, PAT, LOINC or local codes, and a
        // missed bone scan is a missed site. The shared byte budget bounds a long report history.
        if (parts.Contains(PatientRecordPart.Reports))
            requests.Add(RunAsync(readAhead, PatientRecordPart.Reports, c => client.SearchAsync(connection, "DiagnosticReport", patient, budget, c), ct));
        var loaded = await Task.WhenAll(requests).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        var record = Assemble(loaded, budget.Requests, timeProvider.GetElapsedTime(started));
        FhirLog.RecordLoaded(logger, record.RequestCount, record.CriticalPathRequests, record.MissingParts.Count, record.IncompleteParts.Count, (long)record.Elapsed.TotalMilliseconds);
        return record;
    }

    private static FhirProblem Deadline => new(FhirProblemKind.DeadlineExceeded, "The health record took too long to answer.");

    private static async Task<(PatientRecordPart Part, FhirSearchResult Result)> RunAsync(
        RecordReadAhead? readAhead, PatientRecordPart part, Func<CancellationToken, Task<FhirSearchResult>> load, CancellationToken cancellationToken)
    {
        try
        {
            var result = await load(cancellationToken).ConfigureAwait(false);
            readAhead?.Arrived(part, result.Resources);
            return (part, result);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The deadline (or the caller) ended this part; the others keep what they got. A caller's cancel is rethrown above.
            return (part, new FhirSearchResult([], [Deadline], 0, 0));
        }
    }

    private static FhirSearchResult FromRead(ResourceReadResult read) =>
        read.Succeeded ? new FhirSearchResult([read.Resource.Value], [], 1, 0) : new FhirSearchResult([], [read.Problem], 0, 0);

    /// <summary>One record from parts loaded here or elsewhere (a CDS Hooks prefetch); parts not given are simply empty.</summary>
    public static FetchedRecord Assemble(IReadOnlyList<(PatientRecordPart Part, FhirSearchResult Result)> parts, int requests, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var byPart = parts.ToDictionary(p => p.Part, p => p.Result);
        IReadOnlyList<JsonElement> Of(PatientRecordPart part) => byPart.TryGetValue(part, out var result) ? result.Resources : [];
        var observations = DistinctById(Of(PatientRecordPart.LabObservations).Concat(Of(PatientRecordPart.CancerFactObservations)), o => o).ToList();
        return new FetchedRecord
        {
            Patient = Of(PatientRecordPart.Patient) is [var patient] ? patient : null,
            Conditions = Of(PatientRecordPart.Conditions),
            Observations = observations,
            Reports = Of(PatientRecordPart.Reports),
            MissingParts = parts.Where(p => p.Result.Failed).Select(p => p.Part).ToArray(),
            IncompleteParts = parts.Where(p => !p.Result.Failed && !p.Result.Complete).Select(p => p.Part).ToArray(),
            Problems = parts.SelectMany(p => p.Result.Problems.Select(problem => new PatientRecordProblem(p.Part, problem))).ToArray(),
            RequestCount = requests,
            CriticalPathRequests = parts.Count == 0 ? 0 : parts.Max(p => Math.Max(p.Result.Pages, 1)),
            Elapsed = elapsed,
        };
    }

    /// <summary>The items whose resource id was not seen before (an Observation both searches found is kept once); items without an id are all kept.</summary>
    internal static IEnumerable<T> DistinctById<T>(IEnumerable<T> items, Func<T, JsonElement> json)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var resource = json(item);
            var id = resource.TryGetProperty("id", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            if (id is null || seen.Add(id)) yield return item;
        }
    }

    private FetchedRecord AllMissing(FhirProblem problem, long started, IReadOnlyCollection<PatientRecordPart> parts) => new()
    {
        MissingParts = [.. parts],
        Problems = parts.Select(part => new PatientRecordProblem(part, problem)).ToArray(),
        Elapsed = timeProvider.GetElapsedTime(started),
    };
}
