using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace MbcFhirEdu.Core.Materials;

/// <summary>A level-2 heading's text and its 0-based line in the body.</summary>
internal sealed record BodyHeading(string Text, int Line);

/// <summary>A link target in the body (links, images, autolinks) and its 0-based line.</summary>
internal sealed record BodyLink(string Url, int Line);

/// <summary>Headings and links of a Markdown body, read with Markdig so code blocks and spans are not mistaken for either.</summary>
internal static class MarkdownOutline
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    public static (IReadOnlyList<BodyHeading> Headings, IReadOnlyList<BodyLink> Links) Read(string body)
    {
        var document = Markdown.Parse(body, Pipeline);
        var headings = document.Descendants<HeadingBlock>()
            .Where(h => h.Level == 2)
            .Select(h => new BodyHeading(InlineText(h.Inline).Trim().Normalize(NormalizationForm.FormC), h.Line))
            .ToList();
        var links = document.Descendants<LinkInline>().Select(l => new BodyLink(l.Url ?? "", l.Line))
            .Concat(document.Descendants<AutolinkInline>().Select(a => new BodyLink(a.IsEmail ? "mailto:" + a.Url : a.Url, a.Line)))
            .OrderBy(l => l.Line)
            .ToList();
        return (headings, links);
    }

    private static string InlineText(ContainerInline? container)
    {
        var text = new StringBuilder();
        foreach (var inline in container?.Descendants<Inline>() ?? [])
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
            }
        }
        return text.ToString();
    }
}
