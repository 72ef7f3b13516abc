using System.Globalization;
using System.Text.Json;

namespace MbcFhirEdu.Cli.Tests;

/// <summary>Issue 17 items 4 and 5 on the command line: the review report, drafts in <c>recommend</c>, a local library in <c>check</c>.</summary>
public sealed class ContentGovernanceCliTests : IDisposable
{
    private const string Patient01 = "codex-trial-matching/ctm-app_TrialMatching_Patient01.json";
    private readonly string _root = Directory.CreateTempSubdirectory("mbcedu-governance-").FullName;

    public ContentGovernanceCliTests() => ContentLibraryTests.CopyLibrary(Cli.ContentRoot, _root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Rewrites one front-matter line of a material in the copied library.</summary>
    private void SetLine(string file, string key, string value)
    {
        var path = Path.Combine(_root, file);
        var lines = File.ReadAllLines(path);
        var i = Array.FindIndex(lines, l => l.StartsWith(key + ":", StringComparison.Ordinal));
        Assert.True(i > 0, $"{file} has no {key}");
        lines[i] = $"{key}: {value}";
        File.WriteAllLines(path, lines);
    }

    [Fact]
    public void ContentReport_ReviewDueWithinTheWindow_IsMarkedDueAndExitsOne()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        SetLine("en/coping-and-support.md", "reviewedOn", Day(today.AddDays(-700)));
        SetLine("en/coping-and-support.md", "reviewDue", Day(today.AddDays(30)));

        var due = Cli.Run("content", "report", "--content", _root);
        var notYet = Cli.Run("content", "report", "--content", _root, "--due-within", "10");

        Assert.Equal(1, due.ExitCode);
        Assert.Contains($"| coping-and-support | en | FK ", due.Out);
        Assert.Contains($"| {Day(today.AddDays(30))} | due |", due.Out);
        Assert.Single(due.Out.Split('\n'), l => l.EndsWith("| due |", StringComparison.Ordinal) && !l.StartsWith("| material ", StringComparison.Ordinal));
        Assert.Contains("en/coping-and-support.md", due.Error);
        Assert.Equal(0, notYet.ExitCode);
        Assert.DoesNotContain("| due |", notYet.Out);
    }

    [Fact]
    public void ContentReport_ReviewDuePast_IsDue()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        SetLine("es/coping-and-support.md", "reviewedOn", Day(today.AddDays(-800)));
        SetLine("es/coping-and-support.md", "reviewDue", Day(today.AddDays(-70)));

        var result = Cli.Run("content", "report", "--content", _root, "--due-within", "0");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("| coping-and-support | es | FH ", result.Out);
        Assert.Contains("es/coping-and-support.md", result.Error);
    }

    [Fact]
    public void Recommend_Draft_IsIncludedAndMarkedUnlessApprovedOnly()
    {
        SetLine("en/coping-and-support.md", "status", "draft");

        var all = Cli.Run("recommend", Cli.External(Patient01), "--content", _root);
        var approved = Cli.Run("recommend", Cli.External(Patient01), "--content", _root, "--approved-only");

        Assert.Equal(0, all.ExitCode);
        var items = Assert.Single(all.JsonLines()).GetProperty("materials").EnumerateArray().ToList();
        Assert.Equal("draft", items.Single(m => m.GetProperty("id").GetString() == "coping-and-support").GetProperty("status").GetString());
        Assert.Equal("approved", items.Single(m => m.GetProperty("id").GetString() == "bone-metastases").GetProperty("status").GetString());
        Assert.Contains("draft", all.Error);
        Assert.Contains("en/coping-and-support", all.Error);
        Assert.Equal(0, approved.ExitCode);
        var ids = Assert.Single(approved.JsonLines()).GetProperty("materials").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.DoesNotContain("coping-and-support", ids);
        Assert.Contains("bone-metastases", ids);
        Assert.Equal("", approved.Error);
    }

    [Fact]
    public void ContentCheck_BadLocalFile_FailsNamingTheLocalFileAndField()
    {
        var local = Path.Combine(_root, "local");
        Directory.CreateDirectory(Path.Combine(local, "en"));
        var text = File.ReadAllText(Path.Combine(_root, "en", "coping-and-support.md")).Replace("status: approved", "status: published", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(local, "en", "coping-and-support.md"), text);

        var result = Cli.Run("content", "check", "--content", _root, "--local", local);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(result.Error.Split('\n'), l => l.Contains(Path.Combine(local, "en", "coping-and-support.md").Replace('\\', '/'), StringComparison.Ordinal) && l.Contains(": status: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Recommend_HelpNamesApprovedOnly() =>
        Assert.Contains("--approved-only", Cli.Run("recommend", "--help").Out);
}
