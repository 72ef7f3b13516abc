using System.Diagnostics;

namespace MbcFhirEdu.Web.Tests.Deployment;

/// <summary>
/// Issue 20: the upgrade steps in k8s/README.md and docs/deployment.md run the migration Job before the Deployment is
/// applied ("migrations run before new pods start"), and the settings-only step really selects the ConfigMap alone.
/// </summary>
public sealed class UpgradeOrderTests
{
    [Theory]
    [InlineData("k8s", "README.md")]
    [InlineData("docs", "deployment.md")]
    public void UpgradeSteps_ApplyTheDeploymentOnlyAfterTheMigrationJobCompleted(string folder, string file)
    {
        var steps = UpgradeCommands(File.ReadAllText(RepoFiles.Combine(folder, file)));

        var settings = steps.FindIndex(s => s.Contains("-l app.kubernetes.io/component=settings", StringComparison.Ordinal));
        var job = steps.FindIndex(s => s.StartsWith("kubectl apply -k k8s/overlays/prod/migration", StringComparison.Ordinal));
        var completed = steps.FindIndex(s => s.Contains("wait --for=condition=complete job/mbcfhiredu-migrate", StringComparison.Ordinal));
        var wholeOverlay = steps.Select((s, i) => (s, i)).Where(x => IsWholeOverlayApply(x.s)).Select(x => x.i).ToList();

        Assert.True(settings >= 0 && settings < job, "the settings are applied (alone) before the Job");
        Assert.True(job < completed, "the Job is awaited");
        Assert.NotEmpty(wholeOverlay);
        Assert.All(wholeOverlay, i => Assert.True(i > completed, $"'{steps[i]}' applies the Deployment before the migration Job completed"));
    }

    [Fact]
    public void SettingsSelector_RendersTheConfigMapAndNothingElse()
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "kustomize", RepoFiles.Combine("k8s", "overlays", "prod") }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var rendered = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000) && process.ExitCode == 0, process.StandardError.ReadToEnd());

        var selected = rendered.Split("\n---\n").Where(d => d.Contains("app.kubernetes.io/component: settings", StringComparison.Ordinal)).ToList();

        var only = Assert.Single(selected);
        Assert.Contains("kind: ConfigMap", only, StringComparison.Ordinal);
        Assert.Contains("name: mbcfhiredu-config", only, StringComparison.Ordinal);
    }

    /// <summary>The commands of the first bash block that runs the migration Job, comments and blank lines dropped.</summary>
    private static List<string> UpgradeCommands(string markdown)
    {
        var blocks = markdown.Split("```");
        var block = blocks.Where((_, i) => i % 2 == 1).First(b => b.Contains("k8s/overlays/prod/migration", StringComparison.Ordinal));
        return block.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("kubectl", StringComparison.Ordinal)).ToList();
    }

    private static bool IsWholeOverlayApply(string command)
    {
        var words = command.Split('#')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words is ["kubectl", "apply", "-k", "k8s/overlays/prod"];
    }
}
