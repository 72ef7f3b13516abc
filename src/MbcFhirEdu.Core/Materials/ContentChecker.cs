using System.Globalization;

namespace MbcFhirEdu.Core.Materials;

/// <summary>
/// <c>mbcedu content check</c>: every rule of the content README (front matter, tags, ids, translations,
/// sections, links, reading level, copied seed text, and the safety rules of issue 13: fever wording, the spread gate,
/// the universal warning-signs material first), returning every problem rather than stopping at the first.
/// </summary>
public static class ContentChecker
{
    /// <summary>
    /// Checks the library under <paramref name="contentRoot"/> (folders <c>en/</c> and <c>es/</c>), with the local
    /// library under <paramref name="localRoot"/> laid over it when one is given: the same rules for the library a
    /// deployment actually serves. A problem in a local file names it under the local root.
    /// </summary>
    /// <param name="contentRoot">The content folder, e.g. <c>src/MbcFhirEdu.Content</c>.</param>
    /// <param name="seeds">Seed 8-word runs to look for; null skips that rule (say so to the user).</param>
    /// <param name="localRoot">The deploying organisation's local library (<c>Content:LocalRoot</c>), or null.</param>
    /// <returns>Problems ordered by file, line and field; empty when the library is clean.</returns>
    /// <exception cref="DirectoryNotFoundException">A root does not exist.</exception>
    public static IReadOnlyList<ContentProblem> Check(string contentRoot, SeedIndex? seeds, string? localRoot = null)
    {
        var problems = new List<ContentProblem>();
        var files = ContentFile.ReadLibrary(contentRoot, localRoot);
        var texts = files.ToDictionary(f => f.Path, f => PlainText.NormalizeNewlines(f.Text));
        var materials = new List<Material>();
        var englishGrades = new List<double>();
        foreach (var file in files)
        {
            if (file.Folder is not (MaterialCatalog.English or MaterialCatalog.Spanish))
            {
                problems.Add(new(file.Path, "language", $"materials live in en/ or es/, not {file.Folder}/"));
                continue;
            }
            var parsed = file.Parse();
            problems.AddRange(parsed.Problems);
            var split = FrontMatter.Split(file.Text);
            var score = parsed.Material?.Readability ?? Readability.Measure(split.Body, file.Folder);
            problems.AddRange(ReadingProblems(file.Path, file.Folder, score));
            if (file.Folder == MaterialCatalog.English)
            {
                englishGrades.Add(score.FleschKincaidGrade);
            }
            if (seeds is not null)
            {
                problems.AddRange(seeds.FindRuns(texts[file.Path]).Select(run => new ContentProblem(
                    file.Path, "seeds", $"copies {run.TokenCount} words in a row from the seed texts: \"{run.Text}\"; rewrite it in our own words", run.Line)));
            }
            if (parsed.Material is { } material)
            {
                materials.Add(material);
            }
        }
        if (englishGrades.Count == 0)
        {
            // An empty or misplaced library must never pass as "clean".
            problems.Add(new("en/", "materials", $"no English materials found under {Path.Combine(contentRoot, MaterialCatalog.English)}"));
        }
        else if (PythonRound.ToTwoDecimals(englishGrades.Average()) is var average && average > ReadingReport.MaxAverageGrade)
        {
            problems.Add(new("en/", "reading-grade",
                $"the English library's average Flesch-Kincaid grade is {Number(average)}; it must be at most {Number(ReadingReport.MaxAverageGrade)}"));
        }
        int? LineOf(Material m, string key) => KeyLine(texts[m.Path], key);
        problems.AddRange(LibraryRules.Check(materials, LineOf));
        problems.AddRange(SafetyRules.Check(materials, LineOf));
        problems.AddRange(UrgentCoverage.Check(materials.Where(m => m.Status != MaterialStatus.Retired).ToList()));
        var ids = materials.Select(m => (m.Id, m.Language)).ToHashSet();
        foreach (var material in materials)
        {
            // Within a language only: a Spanish reader who follows a link must land on a Spanish page.
            bool IdExists(string id) => ids.Contains((id, material.Language));
            problems.AddRange(BodyRules.Check(material, IdExists));
        }
        var shown = files.ToDictionary(f => f.Path, f => f.Display, StringComparer.Ordinal);
        return problems
            .Select(p => shown.TryGetValue(p.File, out var display) && display != p.File ? p with { File = display } : p)
            .OrderBy(p => p.File, StringComparer.Ordinal)
            .ThenBy(p => p.Line ?? 0)
            .ThenBy(p => p.Field, StringComparer.Ordinal)
            .ThenBy(p => p.Message, StringComparer.Ordinal)
            .ToList();
    }

    private static IEnumerable<ContentProblem> ReadingProblems(string path, string language, ReadabilityScore s)
    {
        var counts = $"{s.Words} words, {s.Sentences} sentences, {s.Syllables} syllables";
        if (language == MaterialCatalog.English && s.FleschKincaidGrade > ReadingReport.MaxGrade)
        {
            yield return new(path, "reading-grade",
                $"Flesch-Kincaid grade {Number(s.FleschKincaidGrade)} is above {Number(ReadingReport.MaxGrade)} ({counts}); use shorter sentences and words");
        }
        if (language == MaterialCatalog.Spanish && s.FernandezHuerta < ReadingReport.MinFernandezHuerta)
        {
            yield return new(path, "reading-grade",
                $"Fernández-Huerta score {Number(s.FernandezHuerta)} is below {Number(ReadingReport.MinFernandezHuerta)} ({counts}); use shorter sentences and words");
        }
    }

    /// <summary>The 1-based line of <c>key:</c> inside the front matter, for messages about a parsed field.</summary>
    private static int? KeyLine(string text, string key)
    {
        var lines = text.Split('\n');
        for (var i = 1; i < lines.Length && lines[i] != "---"; i++)
        {
            if (lines[i].StartsWith(key + ":", StringComparison.Ordinal))
            {
                return i + 1;
            }
        }
        return null;
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
