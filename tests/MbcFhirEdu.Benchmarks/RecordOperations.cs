using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Benchmarks;

/// <summary>
/// What a user waits on, as operations on the bytes of a record, shared by <see cref="RecordBenchmarks"/> and
/// <see cref="CpuTimeRun"/>: Firely's own deserialization (the baseline in the service's mode, BackwardsCompatible, and
/// for reference in its strictest and most lenient, and with the service's own settings) and the service's public
/// read + extract (<see cref="FhirInput"/>, whichever reader it uses).
/// </summary>
[UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Firely's converters resolve FHIR types through its ModelInspector.")]
[UnconditionalSuppressMessage("AOT", "IL3050", Justification = "The benchmarks are not compiled ahead of time.")]
public static class RecordOperations
{
    public static readonly JsonSerializerOptions BackwardsCompatible = Options(DeserializationMode.BackwardsCompatible);
    public static readonly JsonSerializerOptions Strict = Options(DeserializationMode.Strict);
    public static readonly JsonSerializerOptions Ostrich = Options(DeserializationMode.Ostrich);

    /// <summary>What the service reads with: BackwardsCompatible, validating only what can become a warning (<see cref="FhirJson.Options"/>).</summary>
    public static JsonSerializerOptions Service => FhirJson.Options;

    /// <summary>The population is larger than the service's default input limit (64 MiB); what is measured here is speed.</summary>
    public static readonly FhirReadLimits Unbounded = new() { MaxFileBytes = long.MaxValue, MaxResources = int.MaxValue };

    private static JsonSerializerOptions Options(DeserializationMode mode) =>
        new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector).UsingMode(mode);

    /// <summary>Firely's deserialization of a Bundle; issues (none on the generated data) leave the partial result, as the service keeps it.</summary>
    public static Bundle? Firely(byte[] json, JsonSerializerOptions options)
    {
        try
        {
            return JsonSerializer.Deserialize<Bundle>(json, options);
        }
        catch (DeserializationFailedException failed)
        {
            return failed.PartialResult as Bundle;
        }
    }

    /// <summary>The issues Firely reports for <paramref name="json"/> in a mode (the generated data should have none).</summary>
    public static int Issues(byte[] json, JsonSerializerOptions options)
    {
        try
        {
            JsonSerializer.Deserialize<Bundle>(json, options);
            return 0;
        }
        catch (DeserializationFailedException failed)
        {
            return failed.Exceptions.Count();
        }
    }

    /// <summary>The service's public API: read one patient's record and extract the profile.</summary>
    public static ClinicalProfile ReadAndExtract(byte[] json)
    {
        using var stream = new MemoryStream(json, writable: false);
        var result = FhirInput.Read(stream, "record.json");
        return ProfileExtractor.Extract(result.Patients[0]);
    }

    /// <summary>Firely's deserialization of every NDJSON line (the population baseline); returns the resources read.</summary>
    public static int FirelyLines(byte[] ndjson, JsonSerializerOptions options)
    {
        var count = 0;
        var rest = ndjson.AsMemory();
        while (rest.Length > 0)
        {
            var end = rest.Span.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 1)..];
            if (line.Span.Trim((byte)' ').IsEmpty) continue;
            try
            {
                if (JsonSerializer.Deserialize<Resource>(line.Span, options) is not null) count++;
            }
            catch (DeserializationFailedException)
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>The service's public API on a population: read and group every patient of an NDJSON input; returns the resources kept.</summary>
    public static int ReadPopulation(byte[] ndjson)
    {
        using var stream = new MemoryStream(ndjson, writable: false);
        var result = FhirInput.Read(stream, "population.ndjson", Unbounded);
        if (!result.Succeeded) throw new InvalidOperationException(result.Error.ToString());
        return result.Patients.Sum(p => 1 + p.Conditions.Count + p.Observations.Count + p.Reports.Count);
    }

    /// <summary>
    /// Population mode's reading (issue 18, <c>PartitionComparer</c>): each patient's own lines read as one NDJSON input
    /// and extracted, one patient at a time, so only one patient's records are held; returns the resources kept.
    /// </summary>
    public static int ReadPerPatient(IReadOnlyList<byte[]> patients)
    {
        var count = 0;
        foreach (var ndjson in patients)
        {
            using var stream = new MemoryStream(ndjson, writable: false);
            var result = FhirInput.Read(stream, "patient.ndjson");
            if (!result.Succeeded) throw new InvalidOperationException(result.Error.ToString());
            foreach (var p in result.Patients)
            {
                GC.KeepAlive(ProfileExtractor.Extract(p));
                count += 1 + p.Conditions.Count + p.Observations.Count + p.Reports.Count;
            }
        }
        return count;
    }

    /// <summary>Splits a population's NDJSON into one NDJSON input per patient (the staging step's grouping; not timed).</summary>
    public static List<byte[]> GroupByPatient(byte[] ndjson)
    {
        var byPatient = new Dictionary<string, List<byte[]>>(StringComparer.Ordinal);
        foreach (var line in System.Text.Encoding.UTF8.GetString(ndjson).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var owner = root.GetProperty("resourceType").GetString() == "Patient"
                ? root.GetProperty("id").GetString()!
                : root.GetProperty("subject").GetProperty("reference").GetString()!.Split('/')[^1];
            if (!byPatient.TryGetValue(owner, out var lines)) byPatient[owner] = lines = [];
            lines.Add(System.Text.Encoding.UTF8.GetBytes(line));
        }
        return [.. byPatient.Values.Select(lines => lines.SelectMany(l => l.Append((byte)'\n')).ToArray())];
    }
}
