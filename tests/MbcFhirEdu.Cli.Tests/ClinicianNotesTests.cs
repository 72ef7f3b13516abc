namespace MbcFhirEdu.Cli.Tests;

/// <summary>
/// Issue 13 item 1: the clinician's notes name the warnings that matter (another patient's entries left out, records
/// read as one person, spread of unclear origin, spread and no-spread disagreeing, facts read from text, a searchset cut
/// at page 1). Each warning is produced by the real reader and extractor, so a reworded warning fails here.
/// </summary>
public sealed class ClinicianNotesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mbcedu-notes-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<string> ClinicianNotes(string path, string language = "en")
    {
        var result = Cli.Run("recommend", path, "--audience", "clinician", "--lang", language);
        Assert.Equal(0, result.ExitCode);
        return [.. Assert.Single(result.JsonLines()).GetProperty("notes").EnumerateArray().Select(n => n.GetString()!)];
    }

    private static List<string> PatientNotes(string path)
    {
        var result = Cli.Run("recommend", path);
        return [.. Assert.Single(result.JsonLines()).GetProperty("notes").EnumerateArray().Select(n => n.GetString()!)];
    }

    private string Write(string name, string json)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, json);
        return path;
    }

    private const string BreastPrimary =
        """{"resource":{"resourceType":"Condition","id":"bc","subject":{"reference":"Patient/p1"},"clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},"code":{"coding":[{"system":"http://snomed.info/sct","code":"254837009"}]},"onsetDateTime":"2024-01-10"}}""";

    [Fact]
    public void Recommend_AnotherPatientsBrainMetastasisInTheFile_ClinicianIsToldEntriesWereLeftOut()
    {
        var notes = ClinicianNotes(Cli.External("inferno-ccrr/ccrr_hdea_content_bundle_example_complete.json"));

        Assert.Contains(notes, n => n.Contains("left out: about another patient", StringComparison.Ordinal));
    }

    [Fact]
    public void Recommend_SpreadAndNoSpreadDisagree_ClinicianIsToldSpreadIsUsed()
    {
        var notes = ClinicianNotes(Cli.External("inferno-ccrr/cancer_bundle_patient_86.json"));

        Assert.Contains("Records of distant spread and of no distant spread disagree; spread is used.", notes);
    }

    [Fact]
    public void Recommend_StageOnlyInText_ClinicianIsToldFactsCameFromText_InSpanishToo()
    {
        var bundle = Cli.External("de-therapieziele/Bundle-BundleMammaNeoadjuvant.json");

        Assert.Contains(ClinicianNotes(bundle), n => n.Contains("read from free text, not from codes", StringComparison.Ordinal));
        Assert.Contains(ClinicianNotes(bundle, "es"), n => n.Contains("de texto libre, no de códigos", StringComparison.Ordinal));
    }

    [Fact]
    public void Recommend_SearchsetWithNextLink_ClinicianIsToldOnlyPageOneWasRead()
    {
        var path = Write("searchset.json", $$$"""
            {"resourceType":"Bundle","type":"searchset","total":40,
             "link":[{"relation":"next","url":"https://ehr.example/fhir/Condition?page=2"}],
             "entry":[{"resource":{"resourceType":"Patient","id":"p1"},"search":{"mode":"include"}},
                      {{{BreastPrimary[..^1]}}},"search":{"mode":"match"}}]}
            """);

        var notes = ClinicianNotes(path);
        Assert.Contains("The data holds only the first page of a longer search; the rest was not read.", notes);
        // A partial record: the rest of the search is named as missing, never read as "no distant spread".
        Assert.Contains(notes, n => n.Contains("the rest of a paged search", StringComparison.Ordinal));
        Assert.DoesNotContain(notes, n => n.Contains("no distant spread", StringComparison.Ordinal));
    }

    [Fact]
    public void Recommend_TwoPatientRecordsShareAnIdentifier_ClinicianIsToldTheyWereReadAsOnePerson()
    {
        var path = Write("two-records.json", $$$"""
            {"resourceType":"Bundle","type":"collection","entry":[
              {"resource":{"resourceType":"Patient","id":"p1","identifier":[{"system":"urn:oid:1.2.3","value":"MRN-7"}]}},
              {"resource":{"resourceType":"Patient","id":"p2","identifier":[{"system":"urn:oid:1.2.3","value":"MRN-7"}]}},
              {{{BreastPrimary}}}]}
            """);

        Assert.Contains(ClinicianNotes(path), n => n.Contains("were read as one person", StringComparison.Ordinal));
    }

    [Fact]
    public void Recommend_MetastasisBesideALungPrimary_ClinicianIsToldItWasNotCounted_PatientIsNotShownTheWarnings()
    {
        var path = Write("lung.json", $$$"""
            {"resourceType":"Bundle","type":"collection","entry":[
              {"resource":{"resourceType":"Patient","id":"p1"}},
              {{{BreastPrimary}}},
              {"resource":{"resourceType":"Condition","id":"lung","subject":{"reference":"Patient/p1"},"clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},"code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"C34.90"}]} } },
              {"resource":{"resourceType":"Condition","id":"liver","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"http://snomed.info/sct","code":"94381002"}]},"onsetDateTime":"2025-02-01"} } ]}
            """);

        Assert.Contains(ClinicianNotes(path), n => n.StartsWith("Spread that may belong to another primary cancer was not counted", StringComparison.Ordinal));
        Assert.DoesNotContain(PatientNotes(path), n => n.Contains("another primary", StringComparison.Ordinal));
    }
}
