using System.Text.Json;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Input;
using MbcFhirEdu.Fhir.Grouping;

namespace MbcFhirEdu.Fhir.Http;

/// <summary>
/// Turns what <see cref="PatientRecordLoader"/> fetched into Core's <see cref="PatientData"/> the way files are read:
/// each resource deserialized tolerantly by Firely (<see cref="FhirJson"/>), de-duplicated and mapped in a
/// <see cref="ResourceSet"/>, and grouped by the identity rules of CODES.md rule 12 (<see cref="PatientDataBuilder"/>).
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
    public static PatientData ToPatientData(FetchedRecord record, string patientId) => ToPatientData(record, patientId, readAhead: null);

    /// <summary>
    /// As <see cref="ToPatientData(FetchedRecord, string)"/>, using the resources <paramref name="readAhead"/> read while
    /// the record was loaded (the same reads, in the same order), and reading the record itself when it has none.
    /// </summary>
    public static PatientData ToPatientData(FetchedRecord record, string patientId, RecordReadAhead? readAhead)
    {
        ArgumentNullException.ThrowIfNull(record);
        var reference = "Patient/" + patientId;
        var set = new ResourceSet();
        if (readAhead?.InRecordOrder(record) is { } read)
        {
            foreach (var document in read) Add(set, document);
        }
        else
        {
            if (record.Patient is { } patient) Add(set, FhirJson.Read(patient));
            // Every clinical part of the record, read alike: a new part joins this list (and RecordReadAhead's order).
            IReadOnlyList<JsonElement>[] parts = [record.Conditions, record.Observations, record.Reports];
            foreach (var part in parts)
            {
                foreach (var resource in part) Add(set, FhirJson.Read(resource));
            }
        }

        var built = PatientDataBuilder.Build(set, SourceName, knownPatient: reference);
        return built.Patients.FirstOrDefault(p => p.Patient.Reference == reference)
            ?? new PatientData { Patient = new PatientRecord { Reference = reference }, ReadWarnings = built.Warnings };
    }

    private static void Add(ResourceSet set, FhirJsonValue document)
    {
        if (document.Error is { } notFhir) set.AddWarning($"{SourceName}: {notFhir}; ignored");
        set.Add(document.Entries);
        foreach (var warning in document.Warnings) set.AddWarning(warning);
    }
}
