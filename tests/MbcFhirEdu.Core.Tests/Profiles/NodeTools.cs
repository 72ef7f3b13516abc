using System.Diagnostics;
using MbcFhirEdu.Tests.Shared;

namespace MbcFhirEdu.Core.Tests.Profiles;

/// <summary>
/// Runs the Node tools in tests/tools (SUSHI, the R4 JSON-schema validator). They are part of the test suite,
/// so a machine without Node or without tests/tools/node_modules fails with what to do, never skips.
/// </summary>
internal static class NodeTools
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public static string ToolsDirectory => RepoRoot.Combine("tests", "tools");

    public static void RequireInstalled()
    {
        Assert.True(OnPath("node"), "node is not on PATH. Run tests/run-tests.sh, which installs what the tests need.");
        Assert.True(Directory.Exists(Path.Combine(ToolsDirectory, "node_modules", "fsh-sushi")) &&
                    Directory.Exists(Path.Combine(ToolsDirectory, "node_modules", "@medplum", "definitions")) &&
                    Directory.Exists(Path.Combine(ToolsDirectory, "node_modules", "ajv")),
            "tests/tools/node_modules is missing. Run tests/run-tests.sh (it runs `npm ci --prefix tests/tools`).");
    }

    public static (int ExitCode, string Output) Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = RepoRoot.Path };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var result = BoundedProcess.Run(start, Limit);
        if (result.TimedOut) Assert.Fail($"{fileName} {string.Join(' ', arguments)} did not finish within {Limit}.");
        return (result.ExitCode, result.Output);
    }

    private static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, command)));
}
