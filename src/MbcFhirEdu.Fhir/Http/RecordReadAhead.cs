using System.Collections.Concurrent;
using System.Text.Json;
using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Fhir.Http;

/// <summary>
/// Reads each part of a record through Firely as soon as that part arrives (<see cref="PatientRecordLoader"/> calls
/// <see cref="Arrived"/>), while the other requests of the wave are still being answered: the page then waits only for
/// the reading of the last part, not of all five. <see cref="PatientRecordReader"/> uses what was read here, in the
/// record's own order, and reads the record itself when anything does not line up.
/// </summary>
public sealed class RecordReadAhead
{
    private readonly ConcurrentDictionary<PatientRecordPart, (JsonElement Json, FhirJsonValue Read)[]> _parts = new();

    /// <summary>The resources one part brought (whatever its outcome), read now.</summary>
    public void Arrived(PatientRecordPart part, IReadOnlyList<JsonElement> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        _parts[part] = [.. resources.Select(json => (json, FhirJson.Read(json)))];
    }

    /// <summary>Whether <paramref name="part"/> has arrived and been read.</summary>
    internal bool HasRead(PatientRecordPart part) => _parts.ContainsKey(part);

    /// <summary>
    /// What was read for <paramref name="record"/>'s resources in its order (Patient, Conditions, Observations as
    /// <see cref="PatientRecordLoader.Assemble"/> merges them, Reports), or null when a part is missing or a count differs.
    /// </summary>
    internal IReadOnlyList<FhirJsonValue>? InRecordOrder(FetchedRecord record)
    {
        (JsonElement Json, FhirJsonValue Read)[] Of(PatientRecordPart part) => _parts.TryGetValue(part, out var read) ? read : [];
        var patient = Of(PatientRecordPart.Patient);
        var conditions = Of(PatientRecordPart.Conditions);
        var observations = PatientRecordLoader.DistinctById(Of(PatientRecordPart.LabObservations).Concat(Of(PatientRecordPart.CancerFactObservations)), r => r.Json).ToList();
        var reports = Of(PatientRecordPart.Reports);
        if ((record.Patient is null ? 0 : 1) != (patient.Length == 1 ? 1 : 0) || conditions.Length != record.Conditions.Count
            || observations.Count != record.Observations.Count || reports.Length != record.Reports.Count) return null;
        return [.. (patient.Length == 1 ? patient : []).Concat(conditions).Concat(observations).Concat(reports).Select(r => r.Read)];
    }
}
