namespace MbcFhirEdu.Sandbox.Features.Fhir;

/// <summary>Data/patients.json: a one-line description of every synthetic patient and what it demonstrates.</summary>
internal sealed record SandboxIndex(IReadOnlyList<PatientIndexEntry> Patients, IReadOnlyList<PractitionerIndexEntry> Practitioners);

internal sealed record PatientIndexEntry(string Id, string Name, string Description, IReadOnlyList<string> Demonstrates, string Bundle);

internal sealed record PractitionerIndexEntry(string Id, string Name, string Role);
