using Hl7.Fhir.Model;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Firely;
using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Benchmarks;

/// <summary>
/// The Firely path called directly (<see cref="FirelyJson"/> + <see cref="FirelyRecordMapper"/>, as on main before READ's
/// branch switches <see cref="FhirInput"/> to Firely), so that a run before that merge already shows what the Firely
/// path costs. Everything that names those types is in this file: once FhirInput reads through Firely, its rows measure
/// the same path, and this file can be deleted with the two lines in <see cref="CpuTimeRun"/> that add its rows.
/// </summary>
internal static class FirelyDirect
{
    /// <summary>Rows for the record table: the whole path, then its parts on the same bytes.</summary>
    public static IEnumerable<(string Name, string Path, Func<object?> Run)> RecordRows(byte[] record)
    {
        var pocos = FirelyJson.Read(record, "record.json");
        var data = Map(pocos);
        yield return ("`FirelyJson.Read` + `FirelyRecordMapper` + `ProfileExtractor.Extract` (direct)", "**Firely path**", () => ReadMapAndExtract(record));
        yield return ("… of which `FirelyJson.Read` alone", "Firely path", () => FirelyJson.Read(record, "record.json"));
        yield return ("… of which `FirelyRecordMapper` alone (POCOs to records)", "Firely path", () => Map(pocos));
        yield return ("… of which `ProfileExtractor.Extract` alone", "Core", () => ProfileExtractor.Extract(data));
    }

    /// <summary>The row for the population table.</summary>
    public static (string Name, string Path, Func<byte[], int> Run) PopulationRow =>
        ("`FirelyJson.Read` + `FirelyRecordMapper` (direct; no grouping)", "**Firely path**", ReadAndMapPopulation);

    /// <summary>The Firely path directly: FirelyJson reads, FirelyRecordMapper maps, the extractor extracts.</summary>
    public static ClinicalProfile ReadMapAndExtract(byte[] json) =>
        ProfileExtractor.Extract(Map(FirelyJson.Read(json, "record.json")));

    /// <summary>
    /// The records of a single-patient input, mapped by <see cref="FirelyRecordMapper"/>. No grouping: every Condition
    /// and Observation counts for the one patient, which is true of the generated record (the grouping cost that
    /// <see cref="FhirInput"/> also pays is left out, so this slightly flatters the Firely path).
    /// </summary>
    public static PatientData Map(FirelyReadResult read)
    {
        var warnings = new List<string>();
        var byFullUrl = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in read.Entries)
        {
            if (entry.FullUrl is { } url) byFullUrl.TryAdd(url, entry.Reference);
        }
        Func<string?, string?> canonical = literal =>
            string.IsNullOrWhiteSpace(literal) ? null : byFullUrl.GetValueOrDefault(literal) ?? literal.Trim();
        PatientRecord? patient = null;
        var conditions = new List<ConditionRecord>();
        var observations = new List<ObservationRecord>();
        foreach (var entry in read.Entries)
        {
            var context = new FirelyMapContext(entry.Reference, warnings, canonical);
            switch (entry.Resource)
            {
                case Patient p: patient ??= FirelyRecordMapper.Patient(entry.Reference, [p], context); break;
                case Condition c: conditions.Add(FirelyRecordMapper.Condition(c, context)); break;
                case Observation o: observations.Add(FirelyRecordMapper.Observation(o, context)); break;
            }
        }
        return new PatientData
        {
            Patient = patient ?? throw new InvalidOperationException("the input has no Patient"),
            Conditions = conditions,
            Observations = observations,
            ReadWarnings = warnings,
        };
    }

    /// <summary>The Firely path on a population: FirelyJson reads the NDJSON and FirelyRecordMapper maps every resource (no grouping).</summary>
    public static int ReadAndMapPopulation(byte[] ndjson)
    {
        var read = FirelyJson.Read(ndjson, "population.ndjson", RecordOperations.Unbounded);
        if (!read.Succeeded) throw new InvalidOperationException(read.Error?.ToString());
        var warnings = new List<string>();
        var count = 0;
        foreach (var entry in read.Entries)
        {
            var context = new FirelyMapContext(entry.Reference, warnings, literal => literal?.Trim());
            object record = entry.Resource switch
            {
                Patient p => FirelyRecordMapper.Patient(entry.Reference, [p], context),
                Condition c => FirelyRecordMapper.Condition(c, context),
                Observation o => FirelyRecordMapper.Observation(o, context),
                _ => entry,
            };
            if (record is not FirelyEntry) count++;
        }
        return count;
    }
}
