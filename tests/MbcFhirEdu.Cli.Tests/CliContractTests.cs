namespace MbcFhirEdu.Cli.Tests;

/// <summary>DESIGN.md's command-line contract: outputs, exit codes, and one clear stderr line for bad input.</summary>
public sealed class CliContractTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("mbcedu-cli-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static void AssertOneCleanErrorLine(Cli.Result result, string expectedFragment)
    {
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expectedFragment, line);
        // Never a stack trace: no frames and no exception type names.
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain("Exception", result.Error);
    }

    [Fact]
    public void Profile_MissingFile_ExitsOneNamingTheFile()
    {
        var path = Path.Combine(dir, "nope.json");
        AssertOneCleanErrorLine(Cli.Run("profile", path), $"{path}: file not found");
    }

    [Fact]
    public void Profile_InvalidJson_NamesLineAndColumn()
    {
        var path = Write("broken.json", "{\n  \"resourceType\": \"Patient\",\n  \"id\": \"p1\",,\n}\n");
        AssertOneCleanErrorLine(Cli.Run("profile", path), $"{path}:3:");
    }

    [Fact]
    public void Profile_JsonThatIsNotFhir_ExitsOne()
    {
        var path = Write("plain.json", "{\"name\": \"not a resource\"}");
        var result = Cli.Run("profile", path);
        AssertOneCleanErrorLine(result, path);
        Assert.Contains("resourceType", result.Error);
    }

    [Fact]
    public void Profile_BundleWithoutPatientData_ExitsOne()
    {
        var path = Write("empty.json", "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[]}");
        AssertOneCleanErrorLine(Cli.Run("profile", path), $"no patient data in {path}");
    }

    [Fact]
    public void Profile_NdjsonWithTwoPatients_PrintsOneLinePerPatient()
    {
        var path = Write("two.ndjson", string.Join('\n',
            "{\"resourceType\":\"Patient\",\"id\":\"a\"}",
            "{\"resourceType\":\"Patient\",\"id\":\"b\",\"communication\":[{\"language\":{\"coding\":[{\"code\":\"es\"}]},\"preferred\":true}]}",
            "{\"resourceType\":\"Condition\",\"id\":\"c1\",\"subject\":{\"reference\":\"Patient/b\"},\"code\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/icd-10-cm\",\"code\":\"C78.7\"}]}}",
            ""));

        var result = Cli.Run("profile", path);

        Assert.Equal(0, result.ExitCode);
        var lines = result.JsonLines();
        Assert.Equal(["Patient/a", "Patient/b"], lines.Select(l => l.GetProperty("patient").GetString()!).ToArray());
        Assert.False(lines[0].GetProperty("metastatic").GetBoolean());
        Assert.Equal("liver", Assert.Single(lines[1].GetProperty("sites").EnumerateArray()).GetString());
        Assert.Equal("es", lines[1].GetProperty("language").GetString());
    }

    [Fact]
    public void Profile_NdjsonBadLine_NamesThatLine()
    {
        var path = Write("bad.ndjson", "{\"resourceType\":\"Patient\",\"id\":\"a\"}\n{\"resourceType\":\"Patient\",\"id\":\"b\"}\n{\"resourceType\":\n");
        AssertOneCleanErrorLine(Cli.Run("profile", path), $"{path}:3");
    }

    [Theory]
    [InlineData]
    [InlineData("profile")]
    [InlineData("profile", "a.json", "--bogus")]
    [InlineData("recommend", "a.json", "--lang", "fr")]
    [InlineData("recommend", "a.json", "--audience", "everyone")]
    public void Usage_Errors_ExitTwo(params string[] args)
    {
        var result = Cli.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.NotEqual("", result.Error);
    }
}
