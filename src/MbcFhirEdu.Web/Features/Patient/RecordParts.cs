using MbcFhirEdu.Fhir.Http;

namespace MbcFhirEdu.Web.Features.Patient;

/// <summary>
/// The plain names of the parts of a record load, as <c>MatchRequest.MissingParts</c>, the clinician view, the CDS card
/// and the API name them (DESIGN.md "Partial and untrustworthy records"): a part that failed or loaded only in part is
/// a gap, never "not recorded".
/// </summary>
internal static class RecordParts
{
    /// <summary>Parts that failed or came back incomplete, each once, in load order.</summary>
    public static IReadOnlyList<PatientRecordPart> Gaps(FetchedRecord record) => Gaps(record.MissingParts, record.IncompleteParts);

    public static IReadOnlyList<PatientRecordPart> Gaps(IEnumerable<PatientRecordPart> missing, IEnumerable<PatientRecordPart> incomplete) =>
        [.. missing.Concat(incomplete).Distinct().Order()];

    /// <summary>
    /// The FHIR request behind a part ("Condition search"), for logs: the resource type and the search's purpose only,
    /// never its URL or query values (they name the patient).
    /// </summary>
    public static string Request(PatientRecordPart part) => part switch
    {
        PatientRecordPart.Patient => "Patient read",
        PatientRecordPart.Conditions => "Condition search",
        PatientRecordPart.LabObservations => "Observation search (laboratory)",
        PatientRecordPart.CancerFactObservations => "Observation search (cancer facts)",
        PatientRecordPart.Reports => "DiagnosticReport search",
        _ => part.ToString(),
    };

    /// <summary>The requests the load's deadline stopped, named as <see cref="Request"/> does ("" when none).</summary>
    public static string PastDeadline(FetchedRecord record) => string.Join(", ", record.Problems
        .Where(p => p.Problem.Kind == FhirProblemKind.DeadlineExceeded).Select(p => p.Part).Distinct().Order().Select(Request));

    /// <summary>
    /// Every gap as the page names it, for the log line that goes with the page: "Condition search incomplete
    /// (HttpStatus 500)", "none" when the record is whole. Problem kinds and statuses only, never the server's text.
    /// </summary>
    public static string LogSummary(FetchedRecord record)
    {
        var gaps = Gaps(record).Select(part =>
        {
            var state = record.MissingParts.Contains(part) ? "missing" : "incomplete";
            var why = record.Problems.Where(p => p.Part == part && p.Problem.Kind != FhirProblemKind.ServerWarning)
                .Select(p => p.Problem.Status is { } status ? $"{p.Problem.Kind} {status}" : p.Problem.Kind.ToString()).Distinct();
            return $"{Request(part)} {state} ({string.Join(", ", why)})";
        }).ToList();
        return gaps.Count == 0 ? "none" : string.Join("; ", gaps);
    }

    /// <summary>"conditions", "laboratory results", … (Spanish for a language starting "es").</summary>
    public static IReadOnlyList<string> Names(IEnumerable<PatientRecordPart> parts, string? language)
    {
        var spanish = language is not null && language.StartsWith("es", StringComparison.OrdinalIgnoreCase);
        return [.. parts.Distinct().Order().Select(p => spanish ? Spanish(p) : English(p))];
    }

    public static string English(PatientRecordPart part) => part switch
    {
        PatientRecordPart.Patient => "patient details",
        PatientRecordPart.Conditions => "conditions",
        PatientRecordPart.LabObservations => "laboratory results",
        PatientRecordPart.CancerFactObservations => "cancer facts (stage, TNM)",
        PatientRecordPart.Reports => "reports",
        _ => part.ToString(),
    };

    private static string Spanish(PatientRecordPart part) => part switch
    {
        PatientRecordPart.Patient => "datos del paciente",
        PatientRecordPart.Conditions => "diagnósticos",
        PatientRecordPart.LabObservations => "resultados de laboratorio",
        PatientRecordPart.CancerFactObservations => "datos del cáncer (estadio, TNM)",
        PatientRecordPart.Reports => "informes",
        _ => part.ToString(),
    };

    /// <summary>
    /// The clinician's sentence (English, like the rest of the clinician views): which part could not be read and that
    /// what it holds is unknown, not absent.
    /// </summary>
    public static string ClinicianNote(IReadOnlyList<PatientRecordPart> gaps) =>
        $"Part of the record could not be read: {string.Join(", ", Names(gaps, "en"))}. The materials and facts shown come from the parts that loaded; "
        + "anything recorded in the missing part (for example a site of spread) is unknown, not absent.";

    /// <summary>The clinician's sentence for a patient whose record says they have died (CODES.md rule 16).</summary>
    public const string ClinicianDeceasedNote =
        "The record shows this patient has died (Patient.deceased). No education materials are suggested, and none can be sent.";
}
