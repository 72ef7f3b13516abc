using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using MbcFhirEdu.Core.Materials;
using MbcFhirEdu.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Features.Materials;

/// <summary>
/// The content library, loaded once at start from <c>Web:ContentRoot</c> (default: the <c>content</c> folder copied
/// next to the program) with the local library of <c>Content:LocalRoot</c> laid over it, and each material's HTML
/// rendered once per mode and heading level. <see cref="Catalog"/> holds what this environment shows: approved
/// materials, drafts too when <see cref="ContentOptions.ShowsDrafts"/>, never retired ones; every surface (pages,
/// recommendations, CDS cards, FHIR, API, Infobutton) reads it, so none can show what another hides.
/// </summary>
internal sealed partial class MaterialLibrary
{
    private readonly MaterialRenderer _renderer = new("/materials");
    private readonly ConcurrentDictionary<(string Id, string Language, RenderMode Mode, int Shift), string> _html = new();

    public MaterialLibrary(IOptions<WebOptions> options, IOptions<ContentOptions> content, IHostEnvironment environment, ILogger<MaterialLibrary> logger)
    {
        var root = BuiltInRoot(options.Value);
        if (!Directory.Exists(root)) throw new InvalidOperationException($"The content library was not found at {root} (set Web:ContentRoot).");
        var load = MaterialCatalog.Load(root, content.Value.LocalRoot is { Length: > 0 } local ? local : null);
        if (load.Problems.Count > 0) WebLog.ContentProblems(logger, load.Problems.Count);
        if (load.Catalog.Ids.Count == 0) throw new InvalidOperationException($"The content library at {root} holds no materials (set Web:ContentRoot).");
        Catalog = load.Catalog.Showing(content.Value.ShowsDrafts(environment));
    }

    /// <summary>What this environment shows (see the class summary).</summary>
    public MaterialCatalog Catalog { get; }

    /// <summary><c>Web:ContentRoot</c>, or the copy next to the program.</summary>
    public static string BuiltInRoot(WebOptions options) =>
        options.ContentRoot is { Length: > 0 } configured ? configured : Path.Combine(AppContext.BaseDirectory, "content");

    /// <summary>
    /// The material's body as HTML (Markdig with raw HTML disabled and links filtered, see <see cref="MaterialRenderer"/>),
    /// with headings moved down <paramref name="headingShift"/> levels so they nest under the page's own headings.
    /// </summary>
    public string Html(Material material, RenderMode mode, int headingShift) =>
        _html.GetOrAdd((material.Id, material.Language, mode, headingShift),
            key => Shift(_renderer.ToHtml(material, key.Mode), key.Shift));

    /// <summary>Ids are lower-case words joined by hyphens; anything else is not looked up.</summary>
    public static bool IsValidId(string? id) => id is { Length: > 0 and <= 80 } && MaterialId().IsMatch(id);

    public static bool IsLanguage(string? language) => language is MaterialCatalog.English or MaterialCatalog.Spanish;

    // Raw HTML is disabled in the renderer, so every "<hN" in its output is a heading tag Markdig wrote.
    private static string Shift(string html, int by) => by == 0 ? html : Heading().Replace(html, m =>
        $"<{m.Groups[1].Value}h{Math.Min(6, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) + by)}");

    [GeneratedRegex(@"<(/?)h([1-6])(?=[\s>])", RegexOptions.CultureInvariant)]
    private static partial Regex Heading();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex MaterialId();
}
