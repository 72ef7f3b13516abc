using System.Diagnostics;
using System.Text;
using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Fhir.Tests;

/// <summary>Measurements of the whole process's memory: run alone, after the parallel tests, so no other test's allocations count.</summary>
[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement;

/// <summary>
/// Issue 14, item 4: NDJSON is read line by line and only each resource's mapped record is kept, so memory is bounded by
/// the largest resource and the records, not by the file. A ~200 MB export whose resources are large (narrative text)
/// but whose records are small is read under a fixed ceiling, well below the file's size.
/// </summary>
[Collection(nameof(MemoryMeasurement))]
public sealed class NdjsonStreamingMemoryTests
{
    private const long MiB = 1024 * 1024;
    private const long FileBytes = 200 * MiB;
    private const long Ceiling = 100 * MiB;

    [Fact]
    public void Read_TwoHundredMegabyteNdjson_StaysUnderAFixedMemoryCeiling()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mbcedu-stream-{Guid.NewGuid():N}.ndjson");
        try
        {
            var observations = WriteExport(path);
            Assert.True(new FileInfo(path).Length >= FileBytes);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            var peak = baseline;
            var clock = Stopwatch.StartNew();
            // Every 10 ms the managed heap as it stands, garbage not yet collected included: an upper bound of what the read holds.
            using (new Timer(_ => InterlockedMax(ref peak, GC.GetTotalMemory(forceFullCollection: false)), null, 0, 10))
            {
                var result = FhirInput.Read(path);
                var data = TestJson.Single(result);
                Assert.Equal(observations, data.Observations.Count);
                Assert.Equal("Patient/p1", data.Patient.Reference);
                Assert.Contains(data.Observations, o => o.Reference == $"Observation/o{observations - 1}" && o.Effective is not null);
            }
            InterlockedMax(ref peak, GC.GetTotalMemory(forceFullCollection: false));
            Assert.True(peak - baseline < Ceiling,
                $"peak managed memory {(peak - baseline) / MiB} MiB above the baseline while reading a {FileBytes / MiB} MiB file (ceiling {Ceiling / MiB} MiB)");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the read took {clock.Elapsed}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    // One Patient, then Observations each carrying ~20 KB of narrative (varied, as real exports are) and a small coded value.
    private static int WriteExport(string path)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16);
        writer.Write("""{"resourceType":"Patient","id":"p1","gender":"female"}""");
        writer.Write('\n');
        var paragraph = new StringBuilder();
        for (var i = 0; paragraph.Length < 20_000; i++) paragraph.Append("Findings reviewed at visit ").Append(i).Append(": no change in the lesions described before. ");
        var narrative = paragraph.ToString();
        var written = 0L;
        var count = 0;
        while (written < FileBytes)
        {
            var answer = count % 2 == 0 ? "LA6576-8" : "LA6577-6";
            var line = "{\"resourceType\":\"Observation\",\"id\":\"o" + count + "\",\"text\":{\"status\":\"generated\",\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\"><p>Note "
                + count + ". " + narrative + "</p></div>\"},\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"85337-4\"}]},"
                + "\"subject\":{\"reference\":\"Patient/p1\"},\"effectiveDateTime\":\"20" + (10 + count % 15) + "-0" + (1 + count % 9) + "-1" + count % 10 + "\","
                + "\"valueCodeableConcept\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"" + answer + "\"}]}}";
            writer.Write(line);
            writer.Write('\n');
            written += line.Length + 1;
            count++;
        }
        return count;
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current) return;
            current = seen;
        }
    }
}
