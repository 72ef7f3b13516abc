using System.Runtime.InteropServices;
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
    private KindCounts _kinds;

    /// <summary>Adds a Condition, Observation or DiagnosticReport entry to this patient.</summary>
    public void Add(ResourceEntry member)
    {
        Members.Add(member);
        _kinds.Count(member.Resource);
    }

    /// <summary>The patient's data from the entries given to <see cref="Add"/>.</summary>
    public PatientData ToPatientData(ResourceSet resources, CodeNormalizer codes, IReadOnlyList<string> fileWarnings) =>
        ToPatientData(CollectionsMarshal.AsSpan(Members), _kinds, resources, codes, fileWarnings);

    /// <summary>The patient's data from <paramref name="members"/> (Conditions, Observations, DiagnosticReports), counted in <paramref name="kinds"/>.</summary>
    public PatientData ToPatientData(
        ReadOnlySpan<ResourceEntry> members, KindCounts kinds, ResourceSet resources, CodeNormalizer codes, IReadOnlyList<string> fileWarnings)
    {
        var warnings = new List<string>(Warnings);
        if (patient is not null) warnings.AddRange(patient.Warnings);
        var context = new MapContext(Reference, warnings, resources, codes);
        var record = RecordMapper.Patient(Reference, patient?.Resource as Patient, context);
        var conditions = new List<ConditionRecord>(kinds.Conditions);
        var observations = new List<ObservationRecord>(kinds.Observations);
        var reports = new List<ReportRecord>(kinds.Reports);
        foreach (var member in members)
        {
            if (member.Warnings.Count > 0) warnings.AddRange(member.Warnings);
            context.Reference = member.Reference;
            switch (member.Resource)
            {
                case Observation o: observations.Add(RecordMapper.Observation(o, context)); break;
                case Condition c: conditions.Add(RecordMapper.Condition(c, context)); break;
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

/// <summary>How many Conditions, Observations and DiagnosticReports a patient has, so record lists are sized once.</summary>
internal struct KindCounts
{
    public int Conditions;
    public int Observations;
    public int Reports;

    public void Count(Resource resource)
    {
        switch (resource)
        {
            case Observation: Observations++; break;
            case Condition: Conditions++; break;
            case DiagnosticReport: Reports++; break;
        }
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
