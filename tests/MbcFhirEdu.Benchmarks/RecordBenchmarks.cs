using BenchmarkDotNet.Attributes;
using MbcFhirEdu.Benchmarks.Synthetic;
using MbcFhirEdu.Core.Clinical;

namespace MbcFhirEdu.Benchmarks;

/// <summary>
/// Issue 14's record figure in wall-clock time (<see cref="CpuTimeRun"/> gives the same in thread CPU time, which a busy
/// shared machine disturbs less): read + map + extract of one generated patient's record (1 Patient, 200 Conditions,
/// 2,000 Observations; <see cref="SyntheticRecord"/>) through <see cref="Fhir.Input.FhirInput"/>, whichever reader it
/// uses, against Firely's own deserialization of the same bytes.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class RecordBenchmarks
{
    private byte[] record = [];

    [GlobalSetup]
    public void Setup()
    {
        record = SyntheticRecord.Bundle();
        Console.WriteLine($"// record size: {record.Length} bytes");
    }

    [Benchmark(Baseline = true, Description = "Firely deserialize, BackwardsCompatible")]
    public object? FirelyBackwardsCompatible() => RecordOperations.Firely(record, RecordOperations.BackwardsCompatible);

    [Benchmark(Description = "Firely deserialize, the service's settings")]
    public object? FirelyService() => RecordOperations.Firely(record, RecordOperations.Service);

    [Benchmark(Description = "Firely deserialize, Strict")]
    public object? FirelyStrict() => RecordOperations.Firely(record, RecordOperations.Strict);

    [Benchmark(Description = "Firely deserialize, Ostrich")]
    public object? FirelyOstrich() => RecordOperations.Firely(record, RecordOperations.Ostrich);

    [Benchmark(Description = "FhirInput.Read + Extract")]
    public ClinicalProfile ReadAndExtract() => RecordOperations.ReadAndExtract(record);
}
