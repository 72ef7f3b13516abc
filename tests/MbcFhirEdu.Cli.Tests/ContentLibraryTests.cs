using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Core.Materials;
using MbcFhirEdu.Core.Matching;

namespace MbcFhirEdu.Cli.Tests;

/// <summary>The real content library: clean under <c>mbcedu content check</c>, reported, and all of it reachable.</summary>
public sealed class ContentLibraryTests
{
    private static readonly string Fingerprint = Path.Combine(Cli.ContentRoot, "seed-fingerprint.txt");

    [Fact]
    public void ContentCheck_RealLibraryWithTheCommittedSeedFingerprint_IsClean()
    {
        var problems = ContentChecker.Check(Cli.ContentRoot, SeedIndex.FromFingerprintFile(Fingerprint));

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void ContentCheck_Command_ExitsZeroAndStatesTheFigures()
    {
        var result = Cli.Run("content", "check", "--content", Cli.ContentRoot);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("content check: ok", result.Out);
    }

    [Fact]
    public void ContentCheck_CopiedSeedSentence_FailsNamingFileAndField()
    {
        var root = Directory.CreateTempSubdirectory("mbcedu-content-").FullName;
        try
        {
            CopyLibrary(Cli.ContentRoot, root);
            var path = Path.Combine(root, "en", "coping-and-support.md");
            // A sentence from seed 000, appended verbatim: caught by the committed fingerprint alone, and by the command.
            File.AppendAllText(path, "\nEven though the cancer cells have spread to other part(s) of your body, you will still be treated for breast cancer.\n");

            var fromFingerprint = ContentChecker.Check(root, SeedIndex.FromFingerprintFile(Fingerprint));
            var result = Cli.Run("content", "check", "--content", root);

            Assert.Contains(fromFingerprint, p => p.File == "en/coping-and-support.md" && p.Field == "seeds");

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("en/coping-and-support.md", result.Error);
            Assert.Contains("seeds", result.Error);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void SeedFingerprint_MatchesTheSeedFolderWhereOneExists()
    {
        var seeds = Path.GetFullPath(Path.Combine(Cli.RepoRoot, "..", "shared", "seeds"));
        if (!Directory.Exists(seeds))
        {
            // CI machines carry only the fingerprint; the seed-copy rule above still runs there against it.
            Assert.True(File.Exists(Fingerprint));
            return;
        }
        var fresh = new StringWriter();
        SeedIndex.FromDirectory(seeds).WriteFingerprint(fresh);
        Assert.Equal(fresh.ToString().ReplaceLineEndings("\n"), File.ReadAllText(Fingerprint).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ContentReport_ListsEveryMaterialWithGradeStatusAndReviewDates()
    {
        var result = Cli.Run("content", "report", "--content", Cli.ContentRoot);
        var catalog = MaterialCatalog.Load(Cli.ContentRoot).Catalog;

        Assert.True(result.ExitCode == 0, result.Error);
        foreach (var m in catalog.Materials)
        {
            var grade = m.Language == "es" ? $"FH {m.Readability.FernandezHuerta:0.00}" : $"FK {m.Readability.FleschKincaidGrade:0.00}";
            Assert.Contains(FormattableString.Invariant($"| {m.Id} | {m.Language} | {grade} | yes | {m.Status.ToString().ToLowerInvariant()} | "), result.Out);
        }
        Assert.Contains("| bone-metastases | en | FK ", result.Out);
        Assert.Contains("| approved | 2026-11-22 | 2028-11-22 |", result.Out);
        Assert.Contains("English average Flesch-Kincaid grade", result.Out);
    }

    [Fact]
    public void Library_MeetsTheIssueCoverage()
    {
        var catalog = MaterialCatalog.Load(Cli.ContentRoot).Catalog;
        var english = catalog.InLanguage("en").ToList();

        Assert.True(english.Count >= 32, $"{english.Count} English materials");
        Assert.True(catalog.InLanguage("es").Count() >= 16);
        // Issue 17 item 1: every English material has a Spanish version (content check fails otherwise).
        var untranslated = english.Where(m => catalog.Find(m.Id, "es") is null).Select(m => $"es/{m.Id}.md").ToList();
        Assert.True(untranslated.Count == 0, "missing: " + string.Join(", ", untranslated));
        foreach (var site in ProfileValues.SiteKeys)
            Assert.Contains(english, m => m.Topics.Contains($"site:{site}"));
    }

    /// <summary>No dead content: for every material, the profile built from its own requirements receives it.</summary>
    [Fact]
    public void Library_EveryMaterialIsReachableBySomeProfile()
    {
        var catalog = MaterialCatalog.Load(Cli.ContentRoot).Catalog;
        foreach (var material in catalog.InLanguage("en"))
        {
            var facts = material.Requires.Concat(material.RequiresAny.Take(1)).ToList();
            var (profile, sex) = ProfileWith(facts);
            var set = MatchingEngine.Recommend(profile, catalog, new MatchRequest { Sex = sex, Policy = new MatchPolicy { Today = new DateOnly(2026, 11, 22) } });

            Assert.True(set.Items.Any(i => i.MaterialId == material.Id), $"{material.Id} is not reachable with facts [{string.Join(", ", facts)}]");
        }
    }

    private static (ClinicalProfile Profile, string? Sex) ProfileWith(IReadOnlyList<string> facts)
    {
        var p = new ClinicalProfile { Patient = "Patient/reach", BreastCancer = ProfileValues.Recorded };
        string? sex = null;
        foreach (var fact in facts)
        {
            var (family, value) = fact.IndexOf(':') is var i and > 0 ? (fact[..i], fact[(i + 1)..]) : (fact, "");
            p = (family, value) switch
            {
                ("site", _) => p with { Sites = [.. p.Sites, value], Metastatic = true, Stage = "IV" },
                ("stage", "iv") => p with { Metastatic = true, Stage = "IV" },
                ("recurrence", _) => p with { Recurrence = value, Metastatic = true, Stage = "IV" },
                ("urgent", "any-metastatic") => p with { Metastatic = true, Stage = "IV" },
                ("biomarker", "hr-positive") => p with { Er = p.Er == ProfileValues.Low ? p.Er : ProfileValues.Positive },
                ("biomarker", "er-low") => p with { Er = ProfileValues.Low },
                ("biomarker", "her2-positive") => p with { Her2 = ProfileValues.Positive },
                ("biomarker", "her2-low") => p with { Her2 = ProfileValues.Low },
                ("biomarker", "triple-negative") => p with { Er = "negative", Pr = "negative", Her2 = ProfileValues.Zero, Subtype = ProfileValues.TripleNegative },
                ("biomarker", "receptor-change") => p with { ReceptorChange = true },
                ("biomarker", "unknown") => p,
                ("variant", _) => p with { Variants = new Dictionary<string, string>(p.Variants) { [value] = ProfileValues.Detected } },
                ("sex", "male") => (sex = "male") is not null ? p : p,
                _ => throw new InvalidOperationException($"no profile builder for {fact}"),
            };
        }
        return (p, sex);
    }

    internal static void CopyLibrary(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
