using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace MbcFhirEdu.Core.Materials;

/// <summary>How a material is rendered: on screen, or for paper (external link addresses written out).</summary>
public enum RenderMode
{
    Screen,
    Print,
}

/// <summary>
/// Material Markdown → HTML with Markdig. Raw HTML is disabled, so any tag in content comes out as escaped
/// text (no script injection from the library). Links to other materials (<c>id.md</c>) become
/// <c>{linkBase}/{lang}/{id}</c>; https links get <c>rel="noopener noreferrer"</c>; any other link
/// (javascript:, http:, relative paths) is dropped and its text kept, so a bad link cannot reach a reader.
/// </summary>
public sealed partial class MaterialRenderer
{
    private readonly MarkdownPipeline pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();
    private readonly string linkBase;

    /// <param name="linkBase">Path prefix of the materials pages, without trailing slash.</param>
    public MaterialRenderer(string linkBase = "/materials") => this.linkBase = linkBase.TrimEnd('/');

    /// <summary>Renders a material's body; internal links point at <paramref name="linkLanguage"/> (default: the material's language).</summary>
    public string ToHtml(Material material, RenderMode mode = RenderMode.Screen, string? linkLanguage = null) =>
        ToHtml(material.Body, linkLanguage ?? material.Language, mode);

    /// <summary>Renders Markdown; internal links point at <paramref name="linkLanguage"/>.</summary>
    public string ToHtml(string markdown, string linkLanguage, RenderMode mode = RenderMode.Screen)
    {
        var document = Markdown.Parse(markdown, pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            Rewrite(link, linkLanguage, mode);
        }
        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (autolink.IsEmail || !IsHttps(autolink.Url))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
                continue;
            }
            autolink.GetAttributes().AddPropertyIfNotExist("rel", "noopener noreferrer");
        }
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    private void Rewrite(LinkInline link, string language, RenderMode mode)
    {
        var url = link.Url ?? "";
        var internalLink = InternalLink().Match(url);
        if (internalLink.Success)
        {
            link.Url = $"{linkBase}/{Uri.EscapeDataString(language)}/{internalLink.Groups[1].Value}";
            return;
        }
        if (!IsHttps(url))
        {
            Unwrap(link);
            return;
        }
        if (link.IsImage)
        {
            return;
        }
        link.GetAttributes().AddPropertyIfNotExist("rel", "noopener noreferrer");
        if (mode == RenderMode.Print)
        {
            // On paper the address is the only way to follow the link.
            link.InsertAfter(new LiteralInline($" ({url})"));
        }
    }

    /// <summary>Replaces a link by its text (an image by its alt text).</summary>
    private static void Unwrap(LinkInline link)
    {
        var children = link.ToList();
        Inline anchor = link;
        foreach (var child in children)
        {
            child.Remove();
            anchor.InsertAfter(child);
            anchor = child;
        }
        link.Remove();
    }

    private static bool IsHttps(string url) =>
        url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(url, UriKind.Absolute, out _);

    [GeneratedRegex("^([a-z0-9]+(?:-[a-z0-9]+)*)\\.md$", RegexOptions.CultureInvariant)]
    private static partial Regex InternalLink();
}
