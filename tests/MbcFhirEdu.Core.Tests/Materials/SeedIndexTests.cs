using MbcFhirEdu.Core.Materials;

namespace MbcFhirEdu.Core.Tests.Materials;

public sealed class SeedIndexTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "mbcedu-seeds-" + Guid.NewGuid().ToString("n"));

    public SeedIndexTests()
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "s1.txt"), "Breast cancer that spreads to the bones can cause pain and fractures in some people.\n");
        // Invalid UTF-8 bytes vanish (the script reads with errors="ignore"), joining "caf" and "eine".
        File.WriteAllBytes(Path.Combine(folder, "s2.txt"),
            [.. "Caf"u8, 0xE9, .. " caf"u8, 0xFF, 0xFE, .. "eine is not a seed word but it's here now\n"u8]);
        File.WriteAllText(Path.Combine(folder, "notes.md"), "Not a seed: only .txt files count, so these eight words here are fine.");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void FromDirectory_IndexesEveryEightWordRunLikeThePythonScript()
    {
        var index = SeedIndex.FromDirectory(folder);

        // Python's seed_ngrams() over the same two files yields 12 distinct runs.
        Assert.Equal(12, index.Count);
        Assert.True(index.Contains("caf cafeine is not a seed word but"));
        Assert.True(index.Contains("breast cancer that spreads to the bones can"));
        Assert.False(index.Contains("so these eight words here are fine only"));
    }

    [Fact]
    public void Fnv1a64_MatchesReferenceValues()
    {
        Assert.Equal(0xcbf29ce484222325UL, SeedIndex.Fnv1a64(""));
        Assert.Equal(0xaf63dc4c8601ec8cUL, SeedIndex.Fnv1a64("a"));
    }

    [Fact]
    public void WriteFingerprint_WritesSortedUniqueLowerHexLines()
    {
        var writer = new StringWriter();
        SeedIndex.FromDirectory(folder).WriteFingerprint(writer);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(12, lines.Length);
        Assert.Equal(lines.Order(StringComparer.Ordinal), lines);
        Assert.All(lines, l => Assert.Matches("^[0-9a-f]{16}$", l));
        // First three hashes as computed in Python for the same runs.
        Assert.Equal(["506b73ae8ff3eb0c", "5d64af54d7606afd", "6af86526dcc80318"], lines[..3]);
    }

    [Fact]
    public void FromFingerprintFile_FindsTheSameRunsAsTheSeedFolder()
    {
        var fingerprint = Path.Combine(folder, "seeds.fingerprint");
        SeedIndex.FromDirectory(folder).WriteFingerprintFile(fingerprint);
        const string material = "Intro.\nWe know that breast cancer that spreads to the bones can cause pain and fractures in some people, sadly.";

        var fromFile = SeedIndex.FromFingerprintFile(fingerprint).FindRuns(material);
        var fromDir = SeedIndex.FromDirectory(folder).FindRuns(material);

        Assert.Equal(fromDir, fromFile);
        var run = Assert.Single(fromFile);
        Assert.Equal("breast cancer that spreads to the bones can cause pain and fractures in some people", run.Text);
        Assert.Equal(15, run.TokenCount);
        Assert.Equal(2, run.Line);
    }

    [Fact]
    public void FindRuns_SevenCopiedWords_IsNotARun() =>
        Assert.Empty(SeedIndex.FromDirectory(folder).FindRuns("Yes, breast cancer that spreads to the bones is common."));

    [Fact]
    public void FindRuns_IgnoresCaseAndPunctuation() =>
        Assert.Single(SeedIndex.FromDirectory(folder).FindRuns("BONES, can cause: pain and *fractures* in some!"));

    [Fact]
    public void FromFingerprint_BadLine_NamesTheLine()
    {
        var error = Assert.Throws<FormatException>(() => SeedIndex.FromFingerprint(new StringReader("00000000000000ff\nnot-hex\n")));

        Assert.Contains("line 2", error.Message);
    }
}
