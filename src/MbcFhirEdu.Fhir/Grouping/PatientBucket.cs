using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Mapping;
using MbcFhirEdu.Fhir.Model;
using MbcFhirEdu.Fhir.Resources;

namespace MbcFhirEdu.Fhir.Grouping;

/// <summary>One patient being assembled: its Patient entry (if the file has one), its resources and its warnings.</summary>
internal sealed class PatientBucket(string reference, ResourceEntry? patient)
{
    public string Reference { get; } = reference;
    public List<ResourceEntry> Members { get; } = [];
    public List<string> Warnings { get; } = [];

    public PatientData ToPatientData(ResourceSet resources, CodeNormalizer codes, IReadOnlyList<string> fileWarnings)
    {
        var warnings = new List<string>(Warnings);
        if (patient is not null) warnings.AddRange(patient.Warnings);
        var record = RecordMapper.Patient(Reference, patient?.Resource as Patient, new MapContext(Reference, warnings, resources, codes));
        int conditionCount = 0, observationCount = 0, reportCount = 0;
        foreach (var member in Members)
        {
            switch (member.Resource)
            {
                case Condition: conditionCount++; break;
                case Observation: observationCount++; break;
                case DiagnosticReport: reportCount++; break;
            }
        }
        var conditions = new List<ConditionRecord>(conditionCount);
        var observations = new List<ObservationRecord>(observationCount);
        var reports = new List<ReportRecord>(reportCount);
        var context = new MapContext(Reference, warnings, resources, codes);
        foreach (var member in Members)
        {
            warnings.AddRange(member.Warnings);
            context.Reference = member.Reference;
            switch (member.Resource)
            {
                case Condition c: conditions.Add(RecordMapper.Condition(c, context)); break;
                case Observation o: observations.Add(RecordMapper.Observation(o, context)); break;
                case DiagnosticReport r: reports.Add(RecordMapper.Report(r, context)); break;
            }
        }
        OrdinalSort.Sort(conditions, static c => c.Reference);
        OrdinalSort.Sort(observations, static o => o.Reference);
        OrdinalSort.Sort(reports, static r => r.Reference);
        warnings.AddRange(fileWarnings);
        return new PatientData
        {
            Patient = record, Conditions = conditions, Observations = observations, Reports = reports,
            ReadWarnings = PatientDataBuilder.Sorted(warnings),
        };
    }
}

/// <summary>The patients of one input in order of first appearance, findable by reference.</summary>
internal sealed class PatientBuckets
{
    private readonly Dictionary<string, PatientBucket> _byReference = new(StringComparer.Ordinal);
    private readonly List<PatientBucket> _all = [];

    public int Count => _all.Count;
    public IReadOnlyList<PatientBucket> All => _all;

    public PatientBucket Add(string reference, ResourceEntry? patient)
    {
        var bucket = new PatientBucket(reference, patient);
        _byReference.Add(reference, bucket);
        _all.Add(bucket);
        return bucket;
    }

    public PatientBucket? Find(string reference) => _byReference.GetValueOrDefault(reference);
}
