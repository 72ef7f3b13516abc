using System.CommandLine;
using MbcFhirEdu.Core.Materials;

namespace MbcFhirEdu.Cli;

/// <summary>
/// Finds the content library and the seed index. Content: <c>--content DIR</c>, else the copy built next to the
/// program, else <c>src/MbcFhirEdu.Content</c> above the current directory. Seeds: <c>--seeds DIR</c>, else
/// <c>$MBCEDU_SEEDS</c>, else a <c>shared/seeds</c> folder beside the repository, else the fingerprint file
/// committed in the content folder (CI machines have no seed folder).
/// </summary>
internal static class ContentLocation
{
    public const string FingerprintFile = "seed-fingerprint.txt";

    public static Option<string?> Option() => new("--content") { Description = "The content library folder (holding en/ and es/)" };

    public static Option<string?> LocalOption() => new("--local")
    {
        Description = "A local library (en/, es/) laid over the built-in one: adds, replaces (same id) or retires (status: retired) materials",
    };

    public static string? FindContentRoot(string? explicitDir)
    {
        if (explicitDir is not null) return Directory.Exists(explicitDir) ? explicitDir : null;
        var besideProgram = Path.Combine(AppContext.BaseDirectory, "content");
        if (Directory.Exists(Path.Combine(besideProgram, "en"))) return besideProgram;
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "MbcFhirEdu.Content");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>The whole catalog (every status), with <paramref name="localDir"/> laid over it when given.</summary>
    public static bool TryLoadCatalog(string? explicitDir, string? localDir, CliOutput io, out MaterialCatalog catalog)
    {
        catalog = new MaterialCatalog([]);
        var root = FindContentRoot(explicitDir);
        if (root is null)
        {
            io.Error.WriteLine($"mbcedu: content library not found{(explicitDir is null ? "" : $" at {explicitDir}")} (use --content DIR)");
            return false;
        }
        if (localDir is not null && !Directory.Exists(localDir))
        {
            io.Error.WriteLine($"mbcedu: local library not found at {localDir}");
            return false;
        }
        var load = MaterialCatalog.Load(root, localDir);
        if (load.Problems.Count > 0)
        {
            foreach (var problem in load.Problems) io.Error.WriteLine($"mbcedu: {problem}");
            return false;
        }
        catalog = load.Catalog;
        return true;
    }

    /// <summary>The seed index and a short description of where it came from, or null with an error written.</summary>
    public static (SeedIndex Index, string From)? FindSeeds(string? explicitDir, string contentRoot, CliOutput io)
    {
        var dir = explicitDir ?? Environment.GetEnvironmentVariable("MBCEDU_SEEDS") ?? FindSharedSeeds(contentRoot);
        if (dir is not null)
        {
            if (Directory.Exists(dir) && Directory.EnumerateFiles(dir, "*.txt").Any()) return (SeedIndex.FromDirectory(dir), dir);
            io.Error.WriteLine($"mbcedu: {dir}: no seed .txt files found");
            return null;
        }
        var fingerprint = Path.Combine(contentRoot, FingerprintFile);
        if (File.Exists(fingerprint)) return (SeedIndex.FromFingerprintFile(fingerprint), fingerprint);
        io.Error.WriteLine($"mbcedu: no seed folder and no {FingerprintFile} in {contentRoot} (use --seeds DIR)");
        return null;
    }

    private static string? FindSharedSeeds(string contentRoot)
    {
        foreach (var start in new[] { Environment.CurrentDirectory, Path.GetFullPath(contentRoot) })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "seeds");
                if (Directory.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
