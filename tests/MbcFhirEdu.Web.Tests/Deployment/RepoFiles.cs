using System.Diagnostics;
using MbcFhirEdu.Tests.Shared;

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
        return RunNode(Path.Combine(tools, script), Limit, arguments);
    }

    /// <summary>Runs <c>node <paramref name="scriptPath"/> <paramref name="arguments"/></c> in the repository root, bounded by <paramref name="limit"/>.</summary>
    public static (int ExitCode, string Output) RunNode(string scriptPath, TimeSpan limit, params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = Root };
        start.ArgumentList.Add(scriptPath);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var result = BoundedProcess.Run(start, limit);
        if (result.TimedOut) Assert.Fail($"node {Path.GetFileName(scriptPath)} did not finish within {limit}.");
        return (result.ExitCode, result.Output);
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
