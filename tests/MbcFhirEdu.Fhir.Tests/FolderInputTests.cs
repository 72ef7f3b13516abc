using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Fhir.Tests;

/// <summary>DESIGN.md CLI contract (issue 13 item 9): a folder of .json/.ndjson files is read as one set.</summary>
public sealed class FolderInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mbcedu-folder-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        File.WriteAllText(Path.Combine(_dir, name), text);
        return Path.Combine(_dir, name);
    }

    [Fact]
    public void ReadFolder_FilesOfOnePatient_AreReadAsOneSet()
    {
        Write("b-condition.json", TestJson.Condition("c1", "Patient/p1", code: "94222008").ToJsonString());
        Write("a-patient.json", TestJson.Patient("p1", "es").ToJsonString());
        Write("c-observations.ndjson", TestJson.Observation("o1", "Patient/p1").ToJsonString() + "\n" + TestJson.Observation("o2", "Patient/p1").ToJsonString() + "\n");
        Write("notes.txt", "not read");

        var data = TestJson.Single(FhirInput.ReadFolder(_dir));

        Assert.Equal("Patient/p1", data.Patient.Reference);
        Assert.Equal("es", Assert.Single(data.Patient.Languages).Code);
        Assert.Equal(["Condition/c1"], data.Conditions.Select(c => c.Reference));
        Assert.Equal(["Observation/o1", "Observation/o2"], data.Observations.Select(o => o.Reference));
        Assert.Empty(data.ReadWarnings);
    }

    [Fact]
    public void ReadFolder_NonFhirLinesAndFiles_AreSkippedWithAWarningNamingThem()
    {
        Write("Observation.ndjson", TestJson.Observation("o1", "Patient/p1").ToJsonString() + "\n");
        var log = Write("log.ndjson", "{\"timestamp\":\"2026-12-06T05:00:00Z\",\"eventId\":\"kickoff\"}\n{\"timestamp\":\"2026-12-06T05:00:01Z\",\"eventId\":\"done\"}\n");
        var plain = Write("manifest.json", "{\"transactionTime\":\"2026-12-06T05:00:00Z\",\"output\":[]}");

        var result = FhirInput.ReadFolder(_dir);

        var data = TestJson.Single(result);
        Assert.Equal(["Observation/o1"], data.Observations.Select(o => o.Reference));
        Assert.Contains($"{log}: 2 lines are not FHIR resources (line 1, 2); skipped", result.Warnings);
        Assert.Contains(result.Warnings, w => w.StartsWith(plain + ":1:1: not a FHIR resource", StringComparison.Ordinal) && w.EndsWith("the file was skipped", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadFolder_BrokenFile_AddsNothingOfItselfAndKeepsTheOthers()
    {
        Write("a.json", TestJson.Bundle((null, TestJson.Patient("p1")), (null, TestJson.Condition("good", "Patient/p1"))).ToJsonString());
        // A Bundle whose first entry is complete but whose end is cut off: nothing of it may be read half.
        var broken = TestJson.Bundle((null, TestJson.Condition("half", "Patient/p1")), (null, TestJson.Condition("lost", "Patient/p1"))).ToJsonString();
        var path = Write("b.json", broken[..(broken.Length - 40)]);

        var result = FhirInput.ReadFolder(_dir);

        var data = TestJson.Single(result);
        Assert.Equal(["Condition/good"], data.Conditions.Select(c => c.Reference));
        Assert.Contains(result.Warnings, w => w.StartsWith(path + ":1:", StringComparison.Ordinal) && w.Contains("invalid JSON", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadFolder_NdjsonLineOverTheLimit_KeepsTheLinesBeforeItAndSaysSo()
    {
        var path = Write("Observation.ndjson", string.Join('\n',
            TestJson.Patient("p1").ToJsonString(), TestJson.Observation("o1", "Patient/p1").ToJsonString(),
            TestJson.Observation("o2", "Patient/p1", code: new string('9', 400)).ToJsonString(), TestJson.Observation("o3", "Patient/p1").ToJsonString()));

        var result = FhirInput.ReadFolder(_dir, new FhirReadLimits { MaxNdjsonLineBytes = 300 });

        var data = TestJson.Single(result);
        Assert.Equal(["Observation/o1"], data.Observations.Select(o => o.Reference));
        Assert.Contains(result.Warnings, w => w.StartsWith(path + ":3:1: line 3 is longer than", StringComparison.Ordinal)
            && w.EndsWith("the rest of the file was skipped (2 resources before it were read)", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadFolder_NoPatientData_FailsNamingTheFolder()
    {
        Write("log.ndjson", "{\"eventId\":\"kickoff\"}\n");

        var result = FhirInput.ReadFolder(_dir);

        Assert.False(result.Succeeded);
        Assert.Equal($"no patient data in {_dir}", result.Error.ToString());
        Assert.Contains(result.Warnings, w => w.Contains("log.ndjson: 1 line is not a FHIR resource", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadFolder_MoreFilesThanTheLimit_IsAnErrorNamingTheLimit()
    {
        Write("a.json", TestJson.Patient("a").ToJsonString());
        Write("b.json", TestJson.Patient("b").ToJsonString());

        var result = FhirInput.ReadFolder(_dir, new FhirReadLimits { MaxFolderFiles = 1 });

        Assert.Equal(FhirReadErrorKind.LimitExceeded, result.Error?.Kind);
        Assert.Contains("FhirReadLimits.MaxFolderFiles", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFolder_GermanMiiResources_AreOnePatientReferencedOnly()
    {
        var data = TestJson.Single(FhirInput.ReadFolder(TestPaths.External("de-mii-onko")));

        Assert.Equal("Patient/example", data.Patient.Reference);
        Assert.Equal(["Condition/mii-exa-onko-diagnose"], data.Conditions.Select(c => c.Reference));
        Assert.Equal(3, data.Observations.Count);
    }
}
