namespace MbcFhirEdu.Core.Materials;

/// <summary>
/// Rules across files: file name and folder agree with id and language, ids are unique per language,
/// translations match their English original, every English material has a Spanish version (issue 17 item 1), and a
/// retired English material retires its translation too.
/// </summary>
internal static class LibraryRules
{
    public static IEnumerable<ContentProblem> Check(IReadOnlyList<Material> materials, Func<Material, string, int?> lineOf)
    {
        foreach (var m in materials)
        {
            var folder = m.Path[..m.Path.IndexOf('/')];
            var fileId = Path.GetFileNameWithoutExtension(m.Path);
            if (m.Id != fileId)
            {
                yield return new(m.Path, "id", $"'{m.Id}' must equal the file name '{fileId}'", lineOf(m, "id"));
            }
            if (m.Language != folder)
            {
                yield return new(m.Path, "language", $"'{m.Language}' must equal the folder '{folder}'", lineOf(m, "language"));
            }
        }
        foreach (var group in materials.GroupBy(m => (m.Id, m.Language)).Where(g => g.Count() > 1))
        {
            foreach (var m in group)
            {
                var others = string.Join(", ", group.Where(o => o != m).Select(o => o.Path));
                yield return new(m.Path, "id", $"id '{m.Id}' is also used by {others}", lineOf(m, "id"));
            }
        }
        var english = materials.Where(m => m.Language == MaterialCatalog.English)
            .GroupBy(m => m.Id).ToDictionary(g => g.Key, g => g.First());
        var spanish = materials.Where(m => m.Language == MaterialCatalog.Spanish)
            .GroupBy(m => m.Id).ToDictionary(g => g.Key, g => g.First());
        foreach (var translation in materials.Where(m => m.Language == MaterialCatalog.Spanish))
        {
            if (!english.TryGetValue(translation.Id, out var original))
            {
                yield return new(translation.Path, "id", $"no English original en/{translation.Id}.md for this translation", lineOf(translation, "id"));
                continue;
            }
            foreach (var problem in CompareWithOriginal(translation, original, lineOf))
            {
                yield return problem;
            }
        }
        foreach (var m in english.Values.Where(m => !spanish.ContainsKey(m.Id)))
        {
            yield return new(m.Path, "translation", $"has no Spanish version: write es/{m.Id}.md (every English material needs one)", lineOf(m, "id"));
        }
        foreach (var m in english.Values.Where(m => m.Status == MaterialStatus.Retired))
        {
            if (spanish.TryGetValue(m.Id, out var translation) && translation.Status != MaterialStatus.Retired)
            {
                yield return new(translation.Path, "status", $"the English original {m.Path} is retired, so this translation must be retired too", lineOf(translation, "status"));
            }
        }
    }

    private static IEnumerable<ContentProblem> CompareWithOriginal(Material t, Material o, Func<Material, string, int?> lineOf)
    {
        var pairs = new (string Field, string Translation, string Original)[]
        {
            ("topics", SetText(t.Topics), SetText(o.Topics)),
            ("requires", SetText(t.Requires), SetText(o.Requires)),
            ("requires-any", SetText(t.RequiresAny), SetText(o.RequiresAny)),
            ("priority", t.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture), o.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("urgent", Bool(t.Urgent), Bool(o.Urgent)),
        };
        foreach (var (field, translated, original) in pairs.Where(p => p.Translation != p.Original))
        {
            yield return new(t.Path, field, $"{translated} differs from the English original {o.Path} ({original})", lineOf(t, field));
        }
    }

    // Order does not matter for tag lists; the sorted form makes the comparison and the message stable.
    private static string SetText(IEnumerable<string> tags) => "[" + string.Join(", ", tags.Distinct().Order(StringComparer.Ordinal)) + "]";

    private static string Bool(bool value) => value ? "true" : "false";
}
