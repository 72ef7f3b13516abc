namespace MbcFhirEdu.Core.Materials;

/// <summary>The catalog and the problems met while loading it (files whose front matter is unusable are left out).</summary>
public sealed record CatalogLoad(MaterialCatalog Catalog, IReadOnlyList<ContentProblem> Problems);

/// <summary>
/// The content library in memory: materials by id and language, with English as the per-material fallback.
/// Immutable and independent of the order materials are given in.
/// </summary>
public sealed class MaterialCatalog
{
    public const string English = "en";
    public const string Spanish = "es";

    private readonly Dictionary<(string Id, string Language), Material> byKey = [];

    /// <summary>Builds a catalog; when two materials share id and language, the one with the lower <see cref="Material.Path"/> wins.</summary>
    public MaterialCatalog(IEnumerable<Material> materials)
    {
        foreach (var material in materials.OrderBy(m => m.Path, StringComparer.Ordinal))
        {
            byKey.TryAdd((material.Id, material.Language), material);
        }
        Materials = byKey.Values
            .OrderBy(m => m.Id, StringComparer.Ordinal).ThenBy(m => m.Language, StringComparer.Ordinal)
            .ToList();
        Ids = Materials.Select(m => m.Id).Distinct().ToList();
    }

    /// <summary>Every material, ordered by id then language.</summary>
    public IReadOnlyList<Material> Materials { get; }

    /// <summary>Every id in any language, ordinal order.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>Loads <c>en/*.md</c> and <c>es/*.md</c> under <paramref name="contentRoot"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The content root does not exist.</exception>
    public static CatalogLoad Load(string contentRoot)
    {
        var problems = new List<ContentProblem>();
        var materials = new List<Material>();
        foreach (var file in ContentFile.ReadAll(contentRoot).Where(f => f.Folder is English or Spanish))
        {
            var parsed = MaterialParser.Parse(file.Path, file.Text);
            problems.AddRange(parsed.Problems);
            if (parsed.Material is { } material)
            {
                materials.Add(material);
            }
        }
        return new CatalogLoad(new MaterialCatalog(materials), problems);
    }

    /// <summary>The material in exactly this language, or null.</summary>
    public Material? Find(string id, string language) => byKey.GetValueOrDefault((id, language));

    /// <summary>The material in <paramref name="language"/>, else its English original, else null.</summary>
    public Material? FindWithFallback(string id, string language) => Find(id, language) ?? Find(id, English);

    /// <summary>The materials written in <paramref name="language"/>, by id.</summary>
    public IEnumerable<Material> InLanguage(string language) => Materials.Where(m => m.Language == language);
}
