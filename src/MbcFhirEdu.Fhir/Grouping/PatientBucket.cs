using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Mapping;
using MbcFhirEdu.Fhir.Model;
using MbcFhirEdu.Fhir.Resources;

namespace MbcFhirEdu.Fhir.Grouping;

/// <summary>One patient being assembled: its Patient entry (if the file has one), its resources and its warnings.</summary>
internal sealed class PatientBucket(string reference, ResourceEntry? patient)
{
    public string Reference { get; } = reference;
    public ResourceEntry? Patient { get; } = patient;
    public List<ResourceEntry> Members { get; } = [];
    public List<string> Warnings { get; } = [];

    /// <summary>The patient's data from its <see cref="Members"/>.</summary>
    public PatientData ToPatientData(ResourceSet resources, CodeNormalizer codes, IReadOnlyList<string> fileWarnings)
    {
        using var records = new PatientRecords(Members.Count, resources, codes);
        foreach (var member in Members) records.Add(member);
        return records.Finish(this, fileWarnings);
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
