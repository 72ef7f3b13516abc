using System.Buffers;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Mapping;
using MbcFhirEdu.Fhir.Model;
using MbcFhirEdu.Fhir.Resources;

namespace MbcFhirEdu.Fhir.Grouping;

/// <summary>
/// One patient's records being mapped, member by member, into pooled arrays (at most <c>capacity</c> members), with
/// the warnings raised on the way; <see cref="Finish"/> turns them into the patient's <see cref="PatientData"/>.
/// </summary>
internal sealed class PatientRecords : IDisposable
{
    private readonly List<string> _warnings = [];
    private readonly MapContext _context;
    private ConditionRecord[] _conditions;
    private ObservationRecord[] _observations;
    private ReportRecord[] _reports;
    private int _conditionCount, _observationCount, _reportCount;

    public PatientRecords(int capacity, ResourceSet resources, CodeNormalizer codes)
    {
        capacity = Math.Max(capacity, 1);
        _context = new MapContext("", _warnings, resources, codes);
        _conditions = ArrayPool<ConditionRecord>.Shared.Rent(capacity);
        _observations = ArrayPool<ObservationRecord>.Shared.Rent(capacity);
        _reports = ArrayPool<ReportRecord>.Shared.Rent(capacity);
    }

    /// <summary>Maps a Condition, Observation or DiagnosticReport entry; its reader warnings join the patient's.</summary>
    public void Add(ResourceEntry member)
    {
        if (member.Warnings.Count > 0) _warnings.AddRange(member.Warnings);
        _context.Reference = member.Reference;
        switch (member.Resource)
        {
            case Observation o: _observations[_observationCount++] = RecordMapper.Observation(o, _context); break;
            case Condition c: _conditions[_conditionCount++] = RecordMapper.Condition(c, _context); break;
            case DiagnosticReport r: _reports[_reportCount++] = RecordMapper.Report(r, _context); break;
        }
    }

    /// <summary>
    /// The person's data: its Patient record (from all its records), the mapped records sorted by reference, and every warning (the
    /// patient's own, its Patient entry's, its members', and the file's) sorted and distinct.
    /// </summary>
    public PatientData Finish(PatientBucket bucket, IReadOnlyList<string> fileWarnings)
    {
        _warnings.AddRange(bucket.Warnings);
        foreach (var node in bucket.Records)
        {
            if (node.Entry is not null) _warnings.AddRange(node.Entry.Warnings);
        }
        var reference = bucket.Reported.Reference;
        _context.Reference = reference;
        var record = RecordMapper.Patient(reference, bucket.Patients(), _context);
        var conditions = Sorted(_conditions.AsSpan(0, _conditionCount), static c => c.Reference);
        var observations = Sorted(_observations.AsSpan(0, _observationCount), static o => o.Reference);
        var reports = Sorted(_reports.AsSpan(0, _reportCount), static r => r.Reference);
        _warnings.AddRange(fileWarnings);
        return new PatientData
        {
            Patient = record, Conditions = conditions, Observations = observations, Reports = reports,
            ReadWarnings = PatientDataBuilder.Sorted(_warnings),
        };
    }

    private static List<T> Sorted<T>(ReadOnlySpan<T> records, Func<T, string> keyOf)
    {
        var list = new List<T>(records.Length);
        list.AddRange(records);
        OrdinalSort.Sort(list, keyOf);
        return list;
    }

    // The arrays go back cleared as far as they were used (a rented array may be much longer), holding no record.
    public void Dispose()
    {
        Return(_conditions, _conditionCount);
        Return(_observations, _observationCount);
        Return(_reports, _reportCount);
        (_conditions, _observations, _reports) = ([], [], []);
        (_conditionCount, _observationCount, _reportCount) = (0, 0, 0);
    }

    private static void Return<T>(T[] array, int used)
    {
        if (array.Length == 0) return;
        array.AsSpan(0, used).Clear();
        ArrayPool<T>.Shared.Return(array);
    }
}
