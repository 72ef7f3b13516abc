using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Mapping;
using MbcFhirEdu.Fhir.Model;
using MbcFhirEdu.Fhir.Resources;

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
    public List<ResourceEntry> Members { get; } = [];
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

    /// <summary>The person's data from its <see cref="Members"/>.</summary>
    public PatientData ToPatientData(ResourceSet resources, CodeNormalizer codes, IReadOnlyList<string> fileWarnings)
    {
        using var records = new PatientRecords(Members.Count, resources, codes);
        foreach (var member in Members) records.Add(member);
        return records.Finish(this, fileWarnings);
    }
}
