using System.Text;
using System.Text.RegularExpressions;

namespace MbcFhirEdu.Core.Materials;

/// <summary>Body rules: level-2 sections exactly as the README table names them, in order; internal links resolve to a material in the same language; external links use https.</summary>
internal static partial class BodyRules
{
    public static IEnumerable<ContentProblem> Check(Material material, Func<string, bool> idExists)
    {
        var (headings, links) = MarkdownOutline.Read(material.Body);
        return CheckSections(material, headings).Concat(CheckLinks(material, links, idExists));
    }

    private static IEnumerable<ContentProblem> CheckSections(Material material, IReadOnlyList<BodyHeading> headings)
    {
        var language = material.Language;
        var other = language == MaterialCatalog.Spanish ? MaterialCatalog.English : MaterialCatalog.Spanish;
        var seen = new List<(int Index, BodyHeading Heading)>();
        foreach (var heading in headings)
        {
            var index = IndexOf(heading.Text, language);
            if (index < 0)
            {
                var hint = IndexOf(heading.Text, other) is >= 0 and var i
                    ? $"that is the {Name(other)} heading; here write '## {Sections.All[i].Heading(language)}'"
                    : "use only the section headings of the content README (a level-3 '###' heading can go inside a section)";
                yield return Problem(material, heading.Line, $"unknown section '## {heading.Text}': {hint}");
                continue;
            }
            if (seen.Any(s => s.Index == index))
            {
                yield return Problem(material, heading.Line, $"section '## {heading.Text}' appears twice");
                continue;
            }
            if (seen.LastOrDefault(s => s.Index > index) is { Heading: { } later })
            {
                yield return Problem(material, heading.Line, $"section '## {heading.Text}' must come before '## {later.Text}'");
            }
            seen.Add((index, heading));
        }
        for (var i = 0; i < Sections.All.Count; i++)
        {
            var section = Sections.All[i];
            if (section.IsRequiredFor(material) && seen.All(s => s.Index != i))
            {
                yield return Problem(material, null, $"missing section '## {section.Heading(language)}' ({Why(section)})");
            }
        }
    }

    private static IEnumerable<ContentProblem> CheckLinks(Material material, IReadOnlyList<BodyLink> links, Func<string, bool> idExists)
    {
        foreach (var link in links)
        {
            var internalLink = InternalLink().Match(link.Url);
            if (internalLink.Success)
            {
                var id = internalLink.Groups[1].Value;
                if (!idExists(id))
                {
                    yield return Problem(material, link.Line,
                        $"links to '{link.Url}' but there is no {Name(material.Language)} material {material.Language}/{id}.md: a page links only to pages in its own language", "links");
                }
            }
            else if (!link.Url.StartsWith("https://", StringComparison.Ordinal) || !Uri.TryCreate(link.Url, UriKind.Absolute, out _))
            {
                yield return Problem(material, link.Line, $"link '{link.Url}' must be an absolute https:// URL or another material as '[text](id.md)'", "links");
            }
        }
    }

    private static int IndexOf(string heading, string language)
    {
        for (var i = 0; i < Sections.All.Count; i++)
        {
            if (string.Equals(heading, Sections.All[i].Heading(language).Normalize(NormalizationForm.FormC), StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    private static string Name(string language) => language == MaterialCatalog.Spanish ? "Spanish" : "English";

    private static string Why(Section section) => section.RequiredFor switch
    {
        SectionRequirement.EveryMaterial => "every material needs it",
        SectionRequirement.SiteBiomarkerVariant => "site, biomarker and variant materials need it",
        _ => "site, biomarker, variant and urgent materials need it",
    };

    private static ContentProblem Problem(Material material, int? bodyLine, string message, string field = "sections") =>
        new(material.Path, field, message, bodyLine is { } line ? material.BodyLine + line : null);

    [GeneratedRegex("^([a-z0-9]+(?:-[a-z0-9]+)*)\\.md$", RegexOptions.CultureInvariant)]
    private static partial Regex InternalLink();
}
