using System.Text;
using MbcFhirEdu.Fhir.Tests.Support;

namespace MbcFhirEdu.Fhir.Tests;

/// <summary>
/// Issue 14, item 4: a Bundle is read entry by entry, so memory is bounded by the largest entry and the mapped records,
/// not by the file. A ~150 MB searchset on one line (entries with large narratives, its total and next link after the
/// entries, a related primary named before its entry) is read under a fixed ceiling, well below the file's size.
/// </summary>
[Collection(nameof(MemoryMeasurement))]
public sealed class BundleStreamingMemoryTests
{
    private const long MiB = 1024 * 1024;
    private const long FileBytes = 150 * MiB;
    private const long Ceiling = 100 * MiB;
    private const string PrimaryUrl = "urn:uuid:5b0e7d2c-0000-4000-8000-000000000001";

    [Fact]
    public void Read_HundredAndFiftyMegabyteBundle_StaysUnderAFixedMemoryCeiling() =>
        HeapPeak.AssertReadUnder(Ceiling, FileBytes, ".json", WriteBundle, (result, observations) =>
        {
            var data = LargeResources.AllRead(result, observations);
            Assert.Equal([new Core.Clinical.RelatedReference("Condition/primary")], Assert.Single(data.Conditions, c => c.Reference == "Condition/brain").RelatedPrimaries);
            Assert.Contains(result.Warnings, w => w.StartsWith("Bundle/big: page 1 of a longer search", StringComparison.Ordinal));
        });

    // A searchset written on one line: a secondary Condition naming its primary (a later entry) by fullUrl, Observations
    // with ~20 KB narratives, the primary, the Patient; then id, total and a next link.
    private static int WriteBundle(string path)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16);
        writer.Write("""{"resourceType":"Bundle","type":"searchset","entry":[""");
        writer.Write("""{"resource":{"resourceType":"Condition","id":"brain","code":{"coding":[{"system":"http://snomed.info/sct","code":"94225005"}]},"subject":{"reference":"Patient/p1"},""");
        writer.Write("\"extension\":[{\"url\":\"http://hl7.org/fhir/StructureDefinition/condition-related\",\"valueReference\":{\"reference\":\"" + PrimaryUrl + "\"}}]}}");
        var narrative = LargeResources.Narrative();
        var written = 0L;
        var count = 0;
        while (written < FileBytes)
        {
            var entry = ",{\"search\":{\"mode\":\"match\"},\"resource\":" + LargeResources.Observation(count, narrative) + "}";
            writer.Write(entry);
            written += entry.Length;
            count++;
        }
        writer.Write(",{\"fullUrl\":\"" + PrimaryUrl + "\",\"resource\":{\"resourceType\":\"Condition\",\"id\":\"primary\",\"subject\":{\"reference\":\"Patient/p1\"},"
            + "\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"254837009\"}]}}}");
        writer.Write(""",{"resource":{"resourceType":"Patient","id":"p1","gender":"female"}}],"id":"big","total":""" + (count + 1000));
        writer.Write(""","link":[{"relation":"next","url":"https://ehr.example.org/fhir/Observation?patient=p1&page=2"}]}""");
        return count;
    }
}
