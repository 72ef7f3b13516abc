using System.Diagnostics;

namespace MbcFhirEdu.Web.Tests.Deployment;

/// <summary>The repository root (the folder holding MbcFhirEdu.sln) and a runner for the tools in tests/tools.</summary>
internal static class RepoFiles
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Runs <c>node tests/tools/<paramref name="script"/></c>; a machine without node or the npm packages fails with what to do.</summary>
    public static (int ExitCode, string Output) RunNodeTool(string script, params string[] arguments)
    {
        var tools = Combine("tests", "tools");
        Assert.True(Directory.Exists(Path.Combine(tools, "node_modules", "kubernetes-models")) && Directory.Exists(Path.Combine(tools, "node_modules", "yaml")),
            "tests/tools/node_modules lacks kubernetes-models or yaml. Run tests/run-tests.sh (it runs `npm ci --prefix tests/tools`).");
        var start = new ProcessStartInfo("node") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(tools, script));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"node {script} did not finish within {Limit}.");
        }
        return (process.ExitCode, $"{stdout.Result}{stderr.Result}");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MbcFhirEdu.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"MbcFhirEdu.sln was not found in any folder above {AppContext.BaseDirectory}.");
    }
}
