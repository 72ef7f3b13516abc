using System.Text;

namespace MbcFhirEdu.Core.Materials;

/// <summary>
/// A material file as read from disk: path relative to its library root ('/'-separated), text, and whether it comes
/// from the deploying organisation's local library (<see cref="Root"/> is then that folder).
/// </summary>
internal sealed record ContentFile(string Path, string Text, bool Local = false, string Root = "")
{
    public string Folder => Path[..Path.IndexOf('/')];

    /// <summary>The file as a person finds it: relative for the built-in library, under the local root otherwise.</summary>
    public string Display => Local ? System.IO.Path.Combine(Root, Path).Replace('\\', '/') : Path;

    /// <summary>
    /// The built-in library with the local one laid over it: a local file replaces the built-in file at the same
    /// path (same language and id, since the id equals the file name); other local files add to it.
    /// </summary>
    public static IReadOnlyList<ContentFile> ReadLibrary(string contentRoot, string? localRoot)
    {
        var builtIn = ReadAll(contentRoot);
        if (localRoot is null)
        {
            return builtIn;
        }
        var local = ReadAll(localRoot).Select(f => f with { Local = true, Root = localRoot }).ToList();
        var replaced = local.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        return builtIn.Where(f => !replaced.Contains(f.Path)).Concat(local)
            .OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Every <c>*.md</c> one folder below <paramref name="contentRoot"/>, in ordinal path order. Upper-case names
    /// (README.md, GLOSSARY.md) are notes for writers, not materials: a material's id is lower-case.
    /// </summary>
    public static IReadOnlyList<ContentFile> ReadAll(string contentRoot)
    {
        if (!Directory.Exists(contentRoot))
        {
            throw new DirectoryNotFoundException($"content root not found: {contentRoot}");
        }
        return Directory.EnumerateDirectories(contentRoot)
            .SelectMany(dir => Directory.EnumerateFiles(dir, "*.md", SearchOption.TopDirectoryOnly))
            .Where(file => !IsWritersNote(System.IO.Path.GetFileNameWithoutExtension(file)))
            .Select(file => new ContentFile(
                System.IO.Path.GetRelativePath(contentRoot, file).Replace('\\', '/'),
                File.ReadAllText(file, Encoding.UTF8)))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Parses the file; a local file's material carries <see cref="Material.Local"/>.</summary>
    public MaterialParseResult Parse()
    {
        var parsed = MaterialParser.Parse(Path, Text);
        return Local && parsed.Material is { } material ? parsed with { Material = material with { Local = true } } : parsed;
    }

    private static bool IsWritersNote(string name) => name.Length > 0 && name.All(c => char.IsAsciiLetterUpper(c) || c is '_' or '-');
}
