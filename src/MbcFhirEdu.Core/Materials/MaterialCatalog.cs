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

    /// <summary>
    /// Loads <c>en/*.md</c> and <c>es/*.md</c> under <paramref name="contentRoot"/>, with the local library under
    /// <paramref name="localRoot"/> laid over it (same id and language replaces; others add). Every status is kept:
    /// <see cref="Showing"/> picks what an environment shows.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">A root does not exist.</exception>
    public static CatalogLoad Load(string contentRoot, string? localRoot = null)
    {
        var problems = new List<ContentProblem>();
        var materials = new List<Material>();
        foreach (var file in ContentFile.ReadLibrary(contentRoot, localRoot).Where(f => f.Folder is English or Spanish))
        {
            var parsed = file.Parse();
            problems.AddRange(parsed.Problems.Select(p => p with { File = file.Display }));
            if (parsed.Material is { } material)
            {
                materials.Add(material);
            }
        }
        return new CatalogLoad(new MaterialCatalog(materials), problems);
    }

    /// <summary>
    /// The catalog an environment shows: approved materials, and drafts too when <paramref name="includeDrafts"/>
    /// (Development); retired ones never. A Spanish draft left out falls back to its approved English original.
    /// </summary>
    public MaterialCatalog Showing(bool includeDrafts) =>
        new(Materials.Where(m => m.Status == MaterialStatus.Approved || includeDrafts && m.Status == MaterialStatus.Draft));

    /// <summary>The material in exactly this language, or null.</summary>
    public Material? Find(string id, string language) => byKey.GetValueOrDefault((id, language));

    /// <summary>The material in <paramref name="language"/>, else its English original, else null.</summary>
    public Material? FindWithFallback(string id, string language) => Find(id, language) ?? Find(id, English);

    /// <summary>The materials written in <paramref name="language"/>, by id.</summary>
    public IEnumerable<Material> InLanguage(string language) => Materials.Where(m => m.Language == language);
}
