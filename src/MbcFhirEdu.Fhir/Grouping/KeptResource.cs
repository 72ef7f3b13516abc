using Hl7.Fhir.Model;

namespace MbcFhirEdu.Fhir.Grouping;

/// <summary>
/// One resource kept from the input, as grouping needs it: its reference ("Type/id", else its fullUrl, else a positional
/// label), its type, the subject it names (clinical resources), its mapped record (a Core ConditionRecord,
/// ObservationRecord or ReportRecord), the POCO where grouping reads more of it (Patient, OperationOutcome), and the
/// warnings about it (Firely's and the mapping's). A clinical resource is not held as a POCO: memory grows with the
/// mapped records, not with the input.
/// </summary>
internal sealed record KeptResource(
    string Reference, string Type, ResourceReference? Subject, object? Record, Resource? Resource, IReadOnlyList<string> Warnings);
