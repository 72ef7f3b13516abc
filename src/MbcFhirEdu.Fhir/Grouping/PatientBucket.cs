using Hl7.Fhir.Model;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Mapping;

namespace MbcFhirEdu.Fhir.Grouping;

/// <summary>
/// One person being assembled: its records (one or more Patient resources, or only a reference when the input does
/// not hold the Patient), the resources counted for it, and its warnings.
/// </summary>
internal sealed class PatientBucket(PatientNode root)
{
    private readonly List<PatientNode> _records = [root];

    public PatientNode Root { get; } = root;
    public IReadOnlyList<PatientNode> Records => _records;
    public List<KeptResource> Members { get; } = [];
    public List<string> Warnings { get; } = [];

    public void AddRecord(PatientNode node)
    {
        if (!_records.Contains(node)) _records.Add(node);
    }

    /// <summary>A record the caller asked the person to be reported under (the launched patient), if any.</summary>
    public PatientNode? ReportAs { get; set; }

    /// <summary>
    /// The person is reported under the record most of its resources point to (the earliest on a tie; CODES.md rule 12),
    /// unless the caller named one.
    /// </summary>
    public PatientNode Reported => ReportAs ?? _records.OrderByDescending(n => n.Resources).ThenBy(n => n.Order).First();

    /// <summary>The Patient resources of the person, the reported one first.</summary>
    public IReadOnlyList<Patient> Patients()
    {
        var reported = Reported;
        return _records.OrderBy(n => n == reported ? 0 : 1).ThenBy(n => n.Order)
            .Select(n => n.Entry?.Resource).OfType<Patient>().ToList();
    }

    /// <summary>
    /// The person's data: its Patient record (from all its records), its members' records sorted by reference, and every
    /// warning (the person's own, its Patient entries', its members', and the file's) sorted and distinct.
    /// </summary>
    public PatientData ToPatientData(IReadOnlyList<string> fileWarnings)
    {
        var warnings = new List<string>(Warnings);
        foreach (var node in _records)
        {
            if (node.Entry is not null) warnings.AddRange(node.Entry.Warnings);
        }
        foreach (var member in Members) warnings.AddRange(member.Warnings);
        var reference = Reported.Reference;
        var record = RecordMapper.Patient(reference, Patients(), new MapContext(reference, warnings, static _ => null));
        warnings.AddRange(fileWarnings);
        return new PatientData
        {
            Patient = record,
            Conditions = Sorted(Members.Select(m => m.Record).OfType<ConditionRecord>(), static c => c.Reference),
            Observations = Sorted(Members.Select(m => m.Record).OfType<ObservationRecord>(), static o => o.Reference),
            Reports = Sorted(Members.Select(m => m.Record).OfType<ReportRecord>(), static r => r.Reference),
            ReadWarnings = PatientDataBuilder.Sorted(warnings),
        };
    }

    // Ordinal order of the references, so the result does not depend on entry order (stable for equal references).
    private static List<T> Sorted<T>(IEnumerable<T> records, Func<T, string> keyOf) => records.OrderBy(keyOf, StringComparer.Ordinal).ToList();
}
