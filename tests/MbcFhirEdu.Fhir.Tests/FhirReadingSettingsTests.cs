using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Fhir.Tests;

/// <summary>
/// The service reads FHIR with Firely's BackwardsCompatible mode and a validator that skips the checks whose issues it
/// drops (<see cref="KeptIssueValidator"/>, <see cref="FhirJson.Options"/>). Reading any input that way must give exactly
/// what Firely's own settings give: the same POCOs (compared as Firely writes them) and the same issues, message for
/// message and in order, apart from the issues the service drops (<see cref="FhirJson.DroppedIssues"/>).
/// </summary>
[UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Firely's converters resolve FHIR types through its ModelInspector.")]
[UnconditionalSuppressMessage("AOT", "IL3050", Justification = "The tests are not compiled ahead of time.")]
public sealed class FhirReadingSettingsTests
{
    // Firely's own settings: its default validator (FhirAttributeValidator), BackwardsCompatible, as the service read before.
    private static readonly JsonSerializerOptions FirelyDefault =
        new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector).UsingMode(DeserializationMode.BackwardsCompatible);

    private static readonly JsonSerializerOptions Writer = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    /// <summary>Every FHIR JSON file of the repository's fixtures: the public examples (some deliberately messy) and the sandbox's records.</summary>
    public static TheoryData<string> FixtureFiles()
    {
        var root = TestPaths.RepoRoot;
        var files = new[] { "tests/fixtures/external", "tests/fixtures/fhir", "src/MbcFhirEdu.Sandbox/Data" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.json", SearchOption.AllDirectories))
            .Select(path => Path.GetRelativePath(root, path))
            .Order(StringComparer.Ordinal);
        return [.. files];
    }

    /// <summary>
    /// Resources written wrong on purpose, each with an issue Firely reports (the code it is there for), in the shapes the
    /// service meets: a single resource and a Bundle entry.
    /// </summary>
    public static TheoryData<string, string> DeliberateErrors() => new()
    {
        { "PVAL124", """{"resourceType":"Observation","id":"o1","status":"final","code":{"text":"x"},"effectiveDateTime":"2019-13-45"}""" },
        { "PVAL124", """{"resourceType":"Patient","id":"has spaces and / slashes","birthDate":"yesterday","telecom":[{"system":"email","value":""}]}""" },
        { "PVAL124", """{"resourceType":"Observation","id":"o2","status":"final","code":{"coding":[{"system":"not a uri at all","code":"a  b"}]},"extension":[{"url":"http://x.org/e","valueDate":"2020-02-30T10:00"}]}""" },
        { "PVAL123", """{"resourceType":"Observation","id":"o3","status":7,"code":{"coding":[{"system":"http://loinc.org","code":85337}]},"issued":true}""" },
        { "PVAL127", """{"resourceType":"Observation","id":"o4","status":"final","code":{"text":"x"},"interpretation":{"coding":[{"code":"POS"}]}}""" },
        { "PVAL103", """{"resourceType":"Condition","id":"c1","subject":[{"reference":"Patient/p1"},{"reference":"Patient/p2"}]}""" },
        { "PVAL104", """{"resourceType":"Patient","id":"p1","identifier":[null,{"value":"123"}]}""" },
        { "PVAL118", """{"resourceType":"Patient","id":"p2","contained":[{"resourceType":"Organization","id":"org","contained":[{"resourceType":"Location","id":"loc"}]}],"managingOrganization":{"reference":"#org"}}""" },
        { "PVAL120", """{"resourceType":"DocumentReference","id":"d1","status":"current","content":[{"attachment":{"data":"not base64 !!"}}]}""" },
        { "PVAL125", """{"resourceType":"Media","id":"m1","status":"completed","content":{"contentType":"image/png"},"frames":0}""" },
        { "PVAL126", """{"resourceType":"DocumentReference","id":"d3","status":"current","content":[{"attachment":{"contentType":"text/plain","size":-1}}]}""" },
        { "JSON131", """{"resourceType":"Observation","id":"o5","status":"final","subject":"Patient/p1","code":{"text":"x"}}""" },
        { "PVAL105", """{"resourceType":"Observation","id":"o6","text":{"div":"<div xmlns=\"http://www.w3.org/1999/xhtml\">x</div>"}}""" },
        { "JSON120", """{"resourceType":"Condition","id":"c2","code":{},"category":[],"_recordedDate":{}}""" },
        { "PVAL124", """{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"NotAType","id":"x"}},{"resource":{"resourceType":"Patient","id":"p3","birthDate":"1970-02-31","contained":[{"resourceType":"Organization","id":"o","contained":[{"resourceType":"Organization","id":"o2"}]}]}},{"fullUrl":"urn:uuid:not valid","resource":{"resourceType":"Observation","id":"o7","status":"final","code":{"text":"x"},"valueQuantity":{"value":"12.5"}}}]}""" },
    };

    /// <summary>
    /// Resources whose only problems BackwardsCompatible itself ignores (unknown, STU3 and wrong-cased elements, an unknown
    /// or wrong-cased resourceType, contained resources written as an object) or the service drops: read the same all the same.
    /// </summary>
    public static TheoryData<string> QuietlyTolerated() =>
    [
        """{"resourceType":"Condition","id":"c3","assertedDate":"2019-01-01","comment":"stu3","Code":{"text":"wrong case"},"subject":{"reference":"Patient/p1"}}""",
        """{"resourceType":"condition","id":"c4","subject":{"reference":"Patient/p1"}}""",
        """{"resourceType":"NotAType","id":"x","status":"final"}""",
        """{"resourceType":"Patient","id":"p4","contained":{"resourceType":"Organization","id":"org"}}""",
        """{"resourceType":"Condition","id":"c5","text":{"div":"<div xmlns=\"http://www.w3.org/1999/xhtml\">x</div>"},"category":[],"subject":{"reference":"Patient/p1"}}""",
    ];

    [Theory]
    [MemberData(nameof(DeliberateErrors))]
    public void EveryDeliberateError_ShowsTheIssueItIsThereFor(string code, string json)
    {
        var read = Read(Encoding.UTF8.GetBytes(json), FirelyDefault, dropNothing: true);
        Assert.Contains(read.Issues, issue => issue.StartsWith(code + ":", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(DeliberateErrors))]
    public void ResourceWithDeliberateErrors_ReadsAsFirelysOwnSettingsReadIt(string code, string json)
    {
        _ = code;
        AssertSameAsFirelyDefault(Encoding.UTF8.GetBytes(json));
    }

    [Theory]
    [MemberData(nameof(QuietlyTolerated))]
    public void ResourceWithToleratedProblems_ReadsAsFirelysOwnSettingsReadIt(string json)
    {
        AssertSameAsFirelyDefault(Encoding.UTF8.GetBytes(json));
    }

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void FixtureFile_ReadsAsFirelysOwnSettingsReadIt(string relative)
    {
        AssertSameAsFirelyDefault(File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, relative)));
    }

    [Fact]
    public void AResourceWithOnlyDroppedIssues_IsReadWithoutAnException()
    {
        // A Narrative without status and an empty list: issues the service drops, so Firely has nothing to report.
        var json = """{"resourceType":"Condition","id":"c6","text":{"div":"<div xmlns=\"http://www.w3.org/1999/xhtml\">x</div>"},"category":[],"subject":{"reference":"Patient/p1"}}"""u8;
        Assert.Equal(["PVAL105", "JSON121"], Read(json.ToArray(), FirelyDefault, dropNothing: true).Issues.Select(issue => issue.Split(':')[0]));

        var condition = JsonSerializer.Deserialize<Resource>(json, FhirJson.Options);

        Assert.Equal("c6", Assert.IsType<Condition>(condition).Id);
    }

    private static void AssertSameAsFirelyDefault(byte[] json)
    {
        var expected = Read(json, FirelyDefault, dropNothing: false);
        var actual = Read(json, FhirJson.Options, dropNothing: false);
        Assert.Equal(expected.Issues, actual.Issues);
        Assert.Equal(expected.Poco, actual.Poco);
    }

    // The POCO as Firely writes it (or what Firely threw), and the issues as code and message (the message holds the path,
    // line and position), without the dropped ones unless asked.
    private static (string Poco, IReadOnlyList<string> Issues) Read(byte[] json, JsonSerializerOptions options, bool dropNothing)
    {
        Resource? resource;
        IEnumerable<CodedException> issues = [];
        try
        {
            resource = JsonSerializer.Deserialize<Resource>(json, options);
        }
        catch (DeserializationFailedException failed)
        {
            resource = failed.PartialResult as Resource;
            issues = failed.Exceptions;
        }
        catch (Exception other) when (other is CodedException or InvalidOperationException or JsonException)
        {
            return ($"threw {other.GetType().Name}: {other.Message}", []);
        }
        var kept = issues.Where(issue => dropNothing || !FhirJson.DroppedIssues.Contains(issue.ErrorCode))
            .Select(issue => $"{issue.ErrorCode}: {issue.Message}").ToList();
        return (resource is null ? "(none)" : Write(resource), kept);
    }

    private static string Write(Resource resource) => JsonSerializer.Serialize(resource, Writer);
}
