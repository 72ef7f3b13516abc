namespace MbcFhirEdu.Fhir.Http;

/// <summary>A problem met while loading one part of a patient record.</summary>
public sealed record PatientRecordProblem(PatientRecordPart Part, FhirProblem Problem);
