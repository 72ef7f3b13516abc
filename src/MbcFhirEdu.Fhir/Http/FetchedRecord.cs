using System.Text.Json;

namespace MbcFhirEdu.Fhir.Http;

/// <summary>
/// One patient's raw FHIR data as loaded for a page: what arrived, what is missing and why, and how many requests it
/// took. The JSON readers turn the resources into Core's records.
/// </summary>
public sealed record FetchedRecord
{
    public JsonElement? Patient { get; init; }
    public IReadOnlyList<JsonElement> Conditions { get; init; } = [];
    /// <summary>Observations of both searches, each resource once (matched by id).</summary>
    public IReadOnlyList<JsonElement> Observations { get; init; } = [];
    /// <summary>DiagnosticReports (conclusionCode may name a site of spread).</summary>
    public IReadOnlyList<JsonElement> Reports { get; init; } = [];
    /// <summary>Parts that returned nothing usable; the page says these are missing.</summary>
    public IReadOnlyList<PatientRecordPart> MissingParts { get; init; } = [];
    /// <summary>Parts that returned some pages but not all (limits, a failing later page).</summary>
    public IReadOnlyList<PatientRecordPart> IncompleteParts { get; init; } = [];
    public IReadOnlyList<PatientRecordProblem> Problems { get; init; } = [];
    /// <summary>FHIR requests sent for this load (pages and 401 resends included).</summary>
    public int RequestCount { get; init; }
    /// <summary>Requests on the longest sequential chain: 1 when every part fit in one page (one parallel wave).</summary>
    public int CriticalPathRequests { get; init; }
    public TimeSpan Elapsed { get; init; }

    public bool IsComplete => MissingParts.Count == 0 && IncompleteParts.Count == 0;
}
