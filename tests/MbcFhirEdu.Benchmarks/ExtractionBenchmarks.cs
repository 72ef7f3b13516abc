using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Benchmarks;

/// <summary>
/// Issue 2's speed figure: reading + profile extraction of a ~1 MB record (2,000 Observations, 200 Conditions)
/// against a baseline that only tokenizes the same bytes with <see cref="Utf8JsonReader"/>. MB/s = size / median.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ExtractionBenchmarks
{
    private byte[] record = [];

    [GlobalSetup]
    public void Setup()
    {
        record = LargeRecord.Build();
        Console.WriteLine($"// record size: {record.Length} bytes ({record.Length / 1_048_576.0:0.000} MiB)");
    }

    [Benchmark(Baseline = true, Description = "tokenize only (Utf8JsonReader)")]
    public int Tokenize()
    {
        var reader = new Utf8JsonReader(record, new JsonReaderOptions { MaxDepth = 64 });
        var tokens = 0;
        while (reader.Read()) tokens++;
        return tokens;
    }

    [Benchmark(Description = "read FHIR only (PatientData)")]
    public PatientData Read()
    {
        using var stream = new MemoryStream(record, writable: false);
        return FhirInput.Read(stream, "large.json").Patients[0];
    }

    [Benchmark(Description = "read FHIR + extract profile")]
    public ClinicalProfile Extract()
    {
        using var stream = new MemoryStream(record, writable: false);
        var result = FhirInput.Read(stream, "large.json");
        return ProfileExtractor.Extract(result.Patients[0]);
    }
}
