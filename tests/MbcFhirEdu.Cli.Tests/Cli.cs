using System.Text.Json;

namespace MbcFhirEdu.Cli.Tests;

/// <summary>Runs <c>mbcedu</c> in-process with captured output.</summary>
internal static class Cli
{
    public sealed record Result(int ExitCode, string Out, string Error)
    {
        public IReadOnlyList<JsonElement> JsonLines() =>
            Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    public static Result Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string External(string relative) => Path.Combine(RepoRoot, "tests", "fixtures", "external", relative);

    public static string ContentRoot => Path.Combine(RepoRoot, "src", "MbcFhirEdu.Content");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MbcFhirEdu.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("MbcFhirEdu.sln not found above " + AppContext.BaseDirectory);
    }
}
