using System.Text.Json;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Grouping;
using MbcFhirEdu.Fhir.Reading;
using MbcFhirEdu.Fhir.Resources;

namespace MbcFhirEdu.Fhir.Http;

/// <summary>
/// Turns what <see cref="PatientRecordLoader"/> fetched into Core's <see cref="PatientData"/> through the public
/// reader entry points (<see cref="FhirJsonReader.ReadResource(JsonElement, ICollection{string})"/>,
/// <see cref="ResourceSet"/>, <see cref="PatientDataBuilder"/>), so the same rules apply as for files:
/// de-duplication, tolerant reading, and the identity rules of CODES.md rule 12.
/// </summary>
public static class PatientRecordReader
{
    private const string SourceName = "FHIR server";

    /// <summary>
    /// The data of the person <paramref name="patientId"/> is (the launched patient): the identity rules run with that
    /// patient known even when its Patient resource failed to load, so a resource whose subject names another patient
    /// is left out and named in the warnings, and records of the same person (shared identifier, Patient.link) are read
    /// together. When nothing could be read (every part missing), the result is an empty record for that patient.
    /// </summary>
    public static PatientData ToPatientData(PatientRecord record, string patientId)
    {
        ArgumentNullException.ThrowIfNull(record);
        var reference = "Patient/" + patientId;
        var set = new ResourceSet();
        if (record.Patient is { } patient) Add(set, patient);
        // Every clinical part of the record, read alike: a new part joins this list.
        IReadOnlyList<JsonElement>[] parts = [record.Conditions, record.Observations, record.Reports];
        foreach (var part in parts)
        {
            foreach (var resource in part) Add(set, resource);
        }

        var built = PatientDataBuilder.Build(set, SourceName, knownPatient: reference);
        return built.Patients.FirstOrDefault(p => p.Patient.Reference == reference)
            ?? new PatientData { Patient = new Core.Clinical.PatientRecord { Reference = reference }, ReadWarnings = built.Warnings };
    }

    private static void Add(ResourceSet set, JsonElement element)
    {
        var warnings = new List<string>();
        if (FhirJsonReader.ReadResource(element, warnings) is { } resource) set.Add(resource, fullUrl: null, warnings);
        else foreach (var warning in warnings) set.AddWarning(warning);
    }
}
