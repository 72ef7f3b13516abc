using MbcFhirEdu.Fhir.Http;

namespace MbcFhirEdu.Web.Features.CdsHooks;

/// <summary>The one service this app offers (CDS Hooks 2.0 §"Discovery") and its prefetch templates.</summary>
internal static class CdsDiscovery
{
    public const string ServiceId = "mbc-education";
    public const string Hook = "patient-view";

    /// <summary>Prefetch key → the record part it fills. Each template is one of the requests the patient page sends.</summary>
    public static readonly IReadOnlyDictionary<string, PatientRecordPart> PrefetchParts = new Dictionary<string, PatientRecordPart>(StringComparer.Ordinal)
    {
        ["patient"] = PatientRecordPart.Patient,
        ["conditions"] = PatientRecordPart.Conditions,
        ["labs"] = PatientRecordPart.LabObservations,
        ["reports"] = PatientRecordPart.Reports,
    };

    public static object Document() => new
    {
        services = new[]
        {
            new
            {
                hook = Hook,
                id = ServiceId,
                title = "Metastatic breast cancer education",
                description = "Suggests plain-language education materials that fit the patient's metastatic breast cancer (sites of spread, receptor results, stage), each with the reason it was chosen.",
                prefetch = new Dictionary<string, string>
                {
                    ["patient"] = "Patient/{{context.patientId}}",
                    ["conditions"] = "Condition?patient={{context.patientId}}",
                    ["labs"] = "Observation?patient={{context.patientId}}&category=laboratory",
                    // Every category: a bone scan's conclusionCode may be the only record of a site.
                    ["reports"] = "DiagnosticReport?patient={{context.patientId}}",
                },
                usageRequirements = "Send the prefetch, or fhirServer with fhirAuthorization (patient/Patient.r, patient/Condition.rs, patient/Observation.rs, patient/DiagnosticReport.rs). Sign requests with a JWT from a registered key set.",
            },
        },
    };
}
