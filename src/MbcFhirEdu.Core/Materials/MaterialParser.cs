using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MbcFhirEdu.Core.Materials;

/// <summary>The material (null when its front matter is unusable) and every problem found in the front matter.</summary>
public sealed record MaterialParseResult(Material? Material, IReadOnlyList<ContentProblem> Problems);

/// <summary>
/// Reads one material file: YAML front matter per the content README ("Front matter") into a <see cref="Material"/>.
/// Problems name the file, the key and the file line; nothing throws for bad content.
/// </summary>
public static partial class MaterialParser
{
    /// <summary>Keys the README defines; <c>requires-any</c> and the review fields of a draft are optional.</summary>
    public static readonly IReadOnlyList<string> KnownKeys =
        ["id", "language", "title", "summary", "topics", "requires", "requires-any", "priority", "urgent", "status", "reviewedBy", "reviewedOn", "reviewDue", "sources"];

    /// <param name="path">Path relative to the content root, '/'-separated ("en/bone-metastases.md").</param>
    /// <param name="text">The file's text.</param>
    public static MaterialParseResult Parse(string path, string text)
    {
        var problems = new List<ContentProblem>();
        var split = FrontMatter.Split(text);
        if (split.Yaml is null)
        {
            problems.Add(new ContentProblem(path, "front-matter", "the file must start with a '---' line and the front matter must end with a '---' line", 1));
            return new MaterialParseResult(null, problems);
        }
        var mapping = LoadMapping(path, split.Yaml, problems);
        if (mapping is null)
        {
            return new MaterialParseResult(null, problems);
        }
        // YAML line 1 is file line 2: the opening '---' comes first.
        var fields = new FrontMatterFields(path, 1, mapping, problems);
        foreach (var (key, node) in fields.Keys)
        {
            if (key == "reading-grade")
            {
                fields.Report(key, "is computed by the check; do not type it", node);
            }
            else if (Governance.RetiredKeys.TryGetValue(key, out var instead))
            {
                fields.Report(key, $"'{key}' {instead}", node);
            }
            else if (!KnownKeys.Contains(key))
            {
                fields.Report(key, $"unknown key (known: {string.Join(", ", KnownKeys)})", node);
            }
        }
        var material = Read(path, fields, split);
        return new MaterialParseResult(fields.Broken ? null : material, problems);
    }

    private static Material Read(string path, FrontMatterFields fields, FrontMatter split)
    {
        var id = fields.Text("id");
        if (id.Length > 0 && !IdPattern().IsMatch(id))
        {
            fields.Report("id", $"'{id}' must use lower-case letters, digits and single hyphens", fields.Find("id"));
        }
        var language = fields.Text("language");
        if (language.Length > 0 && language is not ("en" or "es"))
        {
            fields.Report("language", $"'{language}' must be en or es", fields.Find("language"), breaks: true);
        }
        var priority = fields.Integer("priority");
        if (priority is < 1 or > 99)
        {
            fields.Report("priority", $"{priority} must be between 1 and 99", fields.Find("priority"));
        }
        var material = new Material
        {
            Id = id,
            Language = language,
            Title = fields.Text("title"),
            Summary = fields.Text("summary"),
            Topics = Tagged(fields, "topics", fields.List("topics", required: true, nonEmpty: true), allowGeneral: true),
            Requires = Tagged(fields, "requires", fields.List("requires", required: true, nonEmpty: false), allowGeneral: false),
            RequiresAny = Tagged(fields, "requires-any", fields.List("requires-any", required: false, nonEmpty: false), allowGeneral: false),
            Priority = priority ?? 0,
            Urgent = fields.Boolean("urgent"),
            Sources = fields.List("sources", required: true, nonEmpty: true),
            Body = split.Body,
            BodyLine = split.BodyLine,
            Path = path,
        };
        material = Governance.Read(fields, material);
        // The folder decides the counting rules, as in the reference script.
        var folder = path.Split('/')[0];
        return material with { Readability = Readability.Measure(split.Body, folder is "en" or "es" ? folder : language) };
    }

    private static IReadOnlyList<string> Tagged(FrontMatterFields fields, string key, IReadOnlyList<string> tags, bool allowGeneral)
    {
        foreach (var tag in tags)
        {
            if (Tags.Validate(tag) is { } why)
            {
                fields.Report(key, why, fields.Find(key));
            }
            else if (!allowGeneral && tag == Tags.General)
            {
                fields.Report(key, "'general' is a topic, not a fact to require; leave the list empty so the material goes to everyone", fields.Find(key));
            }
        }
        if (tags.Distinct(StringComparer.Ordinal).Count() != tags.Count)
        {
            fields.Report(key, "lists a tag twice", fields.Find(key));
        }
        return tags;
    }

    private static YamlMappingNode? LoadMapping(string path, string yaml, List<ContentProblem> problems)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode mapping)
            {
                return mapping;
            }
            problems.Add(new ContentProblem(path, "front-matter", "must be one YAML mapping of key: value lines", 2));
        }
        catch (YamlException e)
        {
            var key = NearestKey(yaml, (int)e.Start.Line);
            problems.Add(new ContentProblem(path, key, $"YAML error: {Innermost(e).Message}", (int)e.Start.Line + 1));
        }
        return null;
    }

    // YamlDotNet wraps the useful message (e.g. "Duplicate key") in outer exceptions.
    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;

    /// <summary>The key on or above the failing YAML line, so a syntax error still names a field.</summary>
    private static string NearestKey(string yaml, int line)
    {
        var lines = yaml.Split('\n');
        for (var i = Math.Min(line, lines.Length) - 1; i >= 0; i--)
        {
            var match = KeyLine().Match(lines[i]);
            if (match.Success)
            {
                return match.Groups[1].Value;
            }
        }
        return "front-matter";
    }

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9_-]*)\s*:", RegexOptions.CultureInvariant)]
    private static partial Regex KeyLine();
}
