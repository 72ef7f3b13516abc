using System.Text;
using System.Text.Json.Nodes;
using MbcFhirEdu.Fhir.Input;
using MbcFhirEdu.Fhir.Tests.Support;

namespace MbcFhirEdu.Fhir.Tests;

/// <summary>
/// Issue 14, item 4: a Bundle is read entry by entry from a stream that can be read twice. Wherever the stream's blocks
/// end (inside an entry, inside a string), the result is the one a read of the whole document gives (a stream that cannot
/// seek is still read whole), and references to later entries still resolve.
/// </summary>
public sealed class BundleStreamingTests
{
    public static TheoryData<string> BundleFixtures()
    {
        var fixtures = Path.Combine(TestPaths.RepoRoot, "tests", "fixtures");
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(fixtures, "fhir"), "*.json")
            .Concat(Directory.EnumerateFiles(Path.Combine(fixtures, "external"), "*.json", SearchOption.AllDirectories))
            .Where(f => File.ReadAllText(f).Contains("\"Bundle\"", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(fixtures, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BundleFixtures))]
    public void Read_BundleFixtureAFewBytesAtATime_GivesWhatTheWholeReadGives(string fixture)
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, "tests", "fixtures", fixture));

        var streamed = FhirInput.Read(new TrickleStream(bytes, seekable: true), fixture);
        var whole = FhirInput.Read(new TrickleStream(bytes, seekable: false, maxRead: bytes.Length), fixture);

        Assert.True(whole.Succeeded || whole.Error.Kind == FhirReadErrorKind.NoPatientData, whole.Error?.ToString());
        Assert.Equal(TestJson.Canonical(whole), TestJson.Canonical(streamed));
    }

    [Theory]
    [InlineData("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p1\"}},\n  {\"resource\":{\"resourceType\":\"Condition\",\"id\":\"c\" \"x\"}}]}")]
    [InlineData("\uFEFF{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p1\"}}],\"total\":tru}")]
    [InlineData("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p1\"}}]}\n{\"resourceType\":\"Patient\",\"id\":\"p2\"}")]
    [InlineData("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p1\"}}]}\n]")]
    [InlineData("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p1\",\"name\":[[[[[[[[[[]]]]]]]]]]}}]}")]
    public void Read_BrokenOrNdjsonBundleAFewBytesAtATime_GivesTheWholeReadsErrorOrResult(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var limits = new FhirReadLimits { MaxDepth = 10 };

        var streamed = FhirInput.Read(new TrickleStream(bytes, seekable: true), "b.json", limits);
        var whole = FhirInput.Read(new TrickleStream(bytes, seekable: false, maxRead: bytes.Length), "b.json", limits);

        Assert.Equal(TestJson.Canonical(whole), TestJson.Canonical(streamed));
    }

    [Fact]
    public void Read_RelatedPrimaryNamedBeforeItsEntry_ResolvesAtTheBundlesEnd()
    {
        const string Url = "urn:uuid:0d1c2b3a-0000-4000-8000-00000000000b";
        var secondary = RelatedTo(TestJson.Condition("brain", "Patient/p1", code: "94225005"), Url);
        var bundle = TestJson.Bundle((null, secondary), (Url, TestJson.Condition("nsclc", "Patient/p1", code: "254637007")), (null, TestJson.Patient("p1")));
        var bytes = Encoding.UTF8.GetBytes(bundle.ToJsonString());

        var data = TestJson.Single(FhirInput.Read(new TrickleStream(bytes, seekable: true), "forward.json"));

        Assert.Equal([new Core.Clinical.RelatedReference("Condition/nsclc")], Assert.Single(data.Conditions, c => c.Reference == "Condition/brain").RelatedPrimaries);
    }

    [Fact]
    public void Read_CopyThatWaitsForTheBundlesEnd_StillLosesToTheLaterCopy()
    {
        // Rule 9 without dates: the later copy wins, even though the first copy (it names a related primary) is mapped last.
        var first = RelatedTo(TestJson.Condition("c1", "Patient/p1"), "Condition/other");
        var bundle = TestJson.Bundle((null, TestJson.Patient("p1")), (null, first), (null, TestJson.Condition("c1", "Patient/p1")));

        var condition = Assert.Single(TestJson.Single(TestJson.Read(bundle)).Conditions);

        Assert.Empty(condition.RelatedPrimaries);
    }

    [Fact]
    public void Read_BundleLargerThanMaxFileBytes_IsReadWhenEachEntryFits()
    {
        var bundle = TestJson.Bundle([(null, TestJson.Patient("p1")), .. Enumerable.Range(0, 20).Select(i => ((string?)null, TestJson.Observation($"o{i}", "Patient/p1")))]);
        var bytes = Encoding.UTF8.GetBytes(bundle.ToJsonString());
        var limits = new FhirReadLimits { MaxFileBytes = 1024 };
        Assert.True(bytes.Length > 2 * limits.MaxFileBytes);

        var data = TestJson.Single(FhirInput.Read(new MemoryStream(bytes), "many.json", limits));

        Assert.Equal(20, data.Observations.Count);
    }

    [Fact]
    public void Read_EntryLargerThanMaxFileBytes_NamesTheEntryAndTheLimit()
    {
        var big = TestJson.Observation("o2", "Patient/p1");
        big["note"] = new JsonArray([.. Enumerable.Range(0, 100).Select(i => new JsonObject { ["text"] = $"note {i} of many short notes" })]);
        var bundle = TestJson.Bundle((null, TestJson.Patient("p1")), (null, TestJson.Observation("o1", "Patient/p1")), (null, big));

        var result = FhirInput.Read(new MemoryStream(Encoding.UTF8.GetBytes(bundle.ToJsonString())), "big.json", new FhirReadLimits { MaxFileBytes = 2048 });

        Assert.Equal(FhirReadErrorKind.LimitExceeded, result.Error!.Kind);
        Assert.Equal("big.json: entry 3 of the Bundle is larger than 2,048 bytes (limit FhirReadLimits.MaxFileBytes)", result.Error.ToString());
    }

    private static JsonObject RelatedTo(JsonObject condition, string reference)
    {
        condition["extension"] = new JsonArray(new JsonObject
        {
            ["url"] = "http://hl7.org/fhir/StructureDefinition/condition-related",
            ["valueReference"] = new JsonObject { ["reference"] = reference },
        });
        return condition;
    }
}
