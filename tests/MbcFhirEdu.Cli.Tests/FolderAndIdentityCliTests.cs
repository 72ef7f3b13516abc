namespace MbcFhirEdu.Cli.Tests;

/// <summary>
/// Issue 13 items 1 and 9 through <c>mbcedu</c>: a folder argument is one set of files (DESIGN.md CLI contract), and a
/// patient never receives another patient's resources (CODES.md rule 12).
/// </summary>
public sealed class FolderAndIdentityCliTests : IDisposable
{
    private const string Registry = "inferno-ccrr/ccrr_hdea_content_bundle_example_complete.json";
    private readonly string _dir = Directory.CreateTempSubdirectory("mbcedu-folder-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // A copy of the four German MII resources of Patient/example (the Patient itself is not among them), plus what a
    // Bulk Data export folder also holds: a log that is not FHIR, and a stray non-FHIR JSON file.
    private string MiiFolderWithNonFhirFiles()
    {
        foreach (var file in Directory.EnumerateFiles(Cli.External("de-mii-onko"), "*.json"))
            File.Copy(file, Path.Combine(_dir, Path.GetFileName(file)));
        File.WriteAllText(Path.Combine(_dir, "log.ndjson"),
            "{\"timestamp\":\"2026-12-06T05:00:00Z\",\"eventId\":\"kickoff\"}\n{\"timestamp\":\"2026-12-06T05:00:09Z\",\"eventId\":\"complete\"}\n");
        File.WriteAllText(Path.Combine(_dir, "export-manifest.json"), "{\"transactionTime\":\"2026-12-06T05:00:00Z\",\"output\":[]}");
        File.WriteAllText(Path.Combine(_dir, "README.txt"), "not read: neither .json nor .ndjson");
        return _dir;
    }

    private static List<string> Warnings(System.Text.Json.JsonElement profile) =>
        [.. profile.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!)];

    [Fact]
    public void Profile_MiiFolder_ReadsTheFilesAsOnePatientAndNamesSkippedFiles()
    {
        var folder = MiiFolderWithNonFhirFiles();

        var result = Cli.Run("profile", folder);

        Assert.Equal(0, result.ExitCode);
        var profile = Assert.Single(result.JsonLines());
        Assert.Equal("Patient/example", profile.GetProperty("patient").GetString());
        // cM1 and the UICC stage group IVC say the cancer has spread; the diagnosis is C50.4 (ICD-10-GM).
        Assert.True(profile.GetProperty("metastatic").GetBoolean());
        Assert.Equal("IV", profile.GetProperty("stage").GetString());
        Assert.Equal("recorded", profile.GetProperty("breastCancer").GetString());
        var warnings = Warnings(profile);
        Assert.Contains($"{Path.Combine(folder, "log.ndjson")}: 2 lines are not FHIR resources (line 1, 2); skipped", warnings);
        Assert.Contains(warnings, w => w.StartsWith(Path.Combine(folder, "export-manifest.json") + ":1:1: not a FHIR resource", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.Contains("README.txt", StringComparison.Ordinal));
    }

    [Fact]
    public void Profile_FolderWithABrokenFile_KeepsWhatTheOtherFilesGave()
    {
        var folder = MiiFolderWithNonFhirFiles();
        File.WriteAllText(Path.Combine(folder, "Observation-broken.json"), "{\"resourceType\":\"Observation\",\"id\":\"x\",,}");

        var result = Cli.Run("profile", folder);

        Assert.Equal(0, result.ExitCode);
        var profile = Assert.Single(result.JsonLines());
        Assert.True(profile.GetProperty("metastatic").GetBoolean());
        Assert.Contains(Warnings(profile), w => w.StartsWith(Path.Combine(folder, "Observation-broken.json") + ":1:", StringComparison.Ordinal)
            && w.EndsWith("the file was skipped", StringComparison.Ordinal));
    }

    [Fact]
    public void Recommend_MiiFolder_PrintsOnePatient()
    {
        var result = Cli.Run("recommend", MiiFolderWithNonFhirFiles(), "--content", Cli.ContentRoot);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Patient/example", Assert.Single(result.JsonLines()).GetProperty("patient").GetString());
    }

    [Fact]
    public void Profile_FolderWithoutPatientData_ExitsOneNamingTheFolderOnce()
    {
        File.WriteAllText(Path.Combine(_dir, "log.ndjson"), "{\"eventId\":\"kickoff\"}\n");

        var result = Cli.Run("profile", _dir);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"mbcedu: no patient data in {_dir}", lines[^1]);
        Assert.Contains(lines, l => l.StartsWith("mbcedu: warning: ", StringComparison.Ordinal) && l.Contains("log.ndjson", StringComparison.Ordinal));
    }

    [Fact]
    public void Profile_FileWithoutPatientData_NamesTheFileOnce()
    {
        var path = Path.Combine(_dir, "empty.json");
        File.WriteAllText(path, "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[]}");

        var result = Cli.Run("profile", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"mbcedu: no patient data in {path}", result.Error.Trim());
    }

    [Fact]
    public void Profile_RegistryBundle_GivesTheBundledPatientNothingThatNamesAnotherPatient()
    {
        // README section 7: the brain metastasis belongs to Patient/cancer-patient-john-anyperson (and to a lung
        // primary), the breast primary to Patient/example; neither is the bundled Patient/example-complete-Patient.
        var result = Cli.Run("profile", Cli.External(Registry));

        Assert.Equal(0, result.ExitCode);
        var profile = Assert.Single(result.JsonLines());
        Assert.Equal("Patient/example-complete-Patient", profile.GetProperty("patient").GetString());
        Assert.False(profile.GetProperty("metastatic").GetBoolean());
        Assert.Empty(profile.GetProperty("sites").EnumerateArray());
        Assert.Equal("unknown", profile.GetProperty("stage").GetString());
        Assert.Equal("not-found", profile.GetProperty("breastCancer").GetString());
        Assert.Empty(profile.GetProperty("evidence").EnumerateArray());
        var warnings = Warnings(profile);
        Assert.Contains(warnings, w => w.StartsWith("Condition/secondary-cancer-condition-brain-mets: subject Patient/cancer-patient-john-anyperson", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("Condition/primary-cancer-condition-complete: subject Patient/example ", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("Observation/tnm-clinical-stage-group-jenny-m: subject Patient/cancer-patient-jenny-m", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.Contains("Amy", StringComparison.Ordinal)); // names stay out of warnings
    }

    [Fact]
    public void Recommend_RegistryBundle_OffersNoBrainMaterial()
    {
        var result = Cli.Run("recommend", Cli.External(Registry), "--content", Cli.ContentRoot);

        Assert.Equal(0, result.ExitCode);
        var materials = Assert.Single(result.JsonLines()).GetProperty("materials").EnumerateArray().ToList();
        Assert.DoesNotContain(materials, m => m.GetProperty("topics").EnumerateArray().Any(t => t.GetString() == "site:brain"));
    }
}
