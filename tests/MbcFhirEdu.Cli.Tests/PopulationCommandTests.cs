namespace MbcFhirEdu.Cli.Tests;

/// <summary><c>mbcedu population run</c>: usage and bad input exit as the other commands do (2 usage, 1 bad input).</summary>
public sealed class PopulationCommandTests
{
    [Fact]
    public void Run_WithoutFhirBase_IsAUsageError()
    {
        var result = Cli.Run("population", "run", "--group", "g");

        Assert.Equal(CliApp.Usage, result.ExitCode);
        Assert.Contains("--fhir", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--database", "Host=x", "--sqlite", "a.db")]
    [InlineData("--since", "2026-01-01", "--full", "")]
    [InlineData("--worker-index", "0", "", "")]
    public void Run_WithOptionsThatExcludeEachOther_IsAUsageError(string a, string aValue, string b, string bValue)
    {
        string[] args = ["population", "run", "--fhir", "http://localhost:1/fhir", a, aValue, b, bValue];

        var result = Cli.Run([.. args.Where(x => x.Length > 0)]);

        Assert.Equal(CliApp.Usage, result.ExitCode);
    }

    [Fact]
    public void Run_WithARelativeFhirBase_FailsWithAClearLine()
    {
        var result = Cli.Run("population", "run", "--fhir", "fhir/base", "--sqlite", Path.Combine(Path.GetTempPath(), $"pop-{Guid.NewGuid():N}.db"));

        Assert.Equal(CliApp.Failed, result.ExitCode);
        Assert.Equal("mbcedu: --fhir must be an absolute http(s) URL", result.Error.Trim());
    }

    [Fact]
    public void Run_WithAWorkerIndexOutsideTheCount_FailsWithAClearLine()
    {
        var result = Cli.Run("population", "run", "--fhir", "http://localhost:1/fhir", "--sqlite", Path.Combine(Path.GetTempPath(), $"pop-{Guid.NewGuid():N}.db"),
            "--worker-index", "2", "--worker-count", "2");

        Assert.Equal(CliApp.Failed, result.ExitCode);
        Assert.Contains("the worker index must be at least 0 and below the worker count", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_AgainstAServerThatIsNotThere_FailsWithTheStepAndNoStackTrace()
    {
        var result = Cli.Run("population", "run", "--fhir", "http://localhost:1/fhir", "--group", "g", "--sqlite", Path.Combine(Path.GetTempPath(), $"pop-{Guid.NewGuid():N}.db"));

        Assert.Equal(CliApp.Failed, result.ExitCode);
        Assert.StartsWith("mbcedu: ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
