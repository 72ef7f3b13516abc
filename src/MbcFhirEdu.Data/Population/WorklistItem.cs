using MbcFhirEdu.Core.Population;

namespace MbcFhirEdu.Data.Population;

/// <summary>
/// One worklist entry: the patient (FHIR base + id only: never a name or birth date; pages fetch the banner live),
/// why, a plain detail ("new site: liver on 2026-11-30"), the profile's evidence for it (resource references, facts,
/// dates and the profile's warnings where the data disagreed), and the run that found it.
/// </summary>
public sealed record WorklistItem(Guid Id, Uri FhirBase, string PatientId, WorklistReason Reason, string Detail,
    IReadOnlyList<string> Evidence, DateTimeOffset CreatedAt, Guid RunId, DateTimeOffset? ClosedAt);
