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
/// de-duplication, subject grouping, tolerant reading.
/// </summary>
public static class PatientRecordReader
{
    private const string SourceName = "FHIR server";

    /// <summary>
    /// The data of <paramref name="patientId"/> only: a resource whose subject names another patient is dropped here
    /// (the file reader would give it to the only patient; from a live server that would mix two records). When
    /// nothing could be read (every part missing), the result is an empty record for that patient.
    /// </summary>
    public static PatientData ToPatientData(PatientRecord record, string patientId)
    {
        ArgumentNullException.ThrowIfNull(record);
        var reference = "Patient/" + patientId;
        var set = new ResourceSet();
        if (record.Patient is { } patient) Add(set, patient);
        foreach (var resource in record.Conditions.Concat(record.Observations).Concat(record.Reports))
        {
            if (IsAboutAnotherPatient(resource, reference)) set.AddWarning("a resource about another patient was returned and ignored");
            else Add(set, resource);
        }

        var built = PatientDataBuilder.Build(set, SourceName);
        return built.Patients.FirstOrDefault(p => p.Patient.Reference == reference)
            ?? new PatientData { Patient = new Core.Clinical.PatientRecord { Reference = reference }, ReadWarnings = built.Warnings };
    }

    private static bool IsAboutAnotherPatient(JsonElement resource, string reference) =>
        resource.ValueKind == JsonValueKind.Object
        && resource.TryGetProperty("subject", out var subject) && subject.ValueKind == JsonValueKind.Object
        && subject.TryGetProperty("reference", out var value) && value.ValueKind == JsonValueKind.String
        && ResourceSet.TypeAndId(value.GetString()) is { } target && target != reference;

    private static void Add(ResourceSet set, JsonElement element)
    {
        var warnings = new List<string>();
        if (FhirJsonReader.ReadResource(element, warnings) is { } resource) set.Add(resource, fullUrl: null, warnings);
        else foreach (var warning in warnings) set.AddWarning(warning);
    }
}
