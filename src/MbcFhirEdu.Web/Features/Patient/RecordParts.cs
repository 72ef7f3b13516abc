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
