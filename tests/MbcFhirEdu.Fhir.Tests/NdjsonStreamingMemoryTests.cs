using System.Text;
using MbcFhirEdu.Fhir.Tests.Support;

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
    public void Read_TwoHundredMegabyteNdjson_StaysUnderAFixedMemoryCeiling() =>
        HeapPeak.AssertReadUnder(Ceiling, FileBytes, ".ndjson", WriteExport, (result, observations) => LargeResources.AllRead(result, observations));

    // One Patient, then Observations each carrying ~20 KB of narrative (varied, as real exports are) and a small coded value.
    private static int WriteExport(string path)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16);
        writer.Write("""{"resourceType":"Patient","id":"p1","gender":"female"}""");
        writer.Write('\n');
        var narrative = LargeResources.Narrative();
        var written = 0L;
        var count = 0;
        while (written < FileBytes)
        {
            var line = LargeResources.Observation(count, narrative);
            writer.Write(line);
            writer.Write('\n');
            written += line.Length + 1;
            count++;
        }
        return count;
    }
}
