using System.Text;

namespace MbcFhirEdu.Core.Materials;

/// <summary>A material file as read from disk: path relative to the content root ('/'-separated) and text.</summary>
internal sealed record ContentFile(string Path, string Text)
{
    public string Folder => Path[..Path.IndexOf('/')];

    /// <summary>Every <c>*.md</c> one folder below <paramref name="contentRoot"/>, in ordinal path order.</summary>
    public static IReadOnlyList<ContentFile> ReadAll(string contentRoot)
    {
        if (!Directory.Exists(contentRoot))
        {
            throw new DirectoryNotFoundException($"content root not found: {contentRoot}");
        }
        return Directory.EnumerateDirectories(contentRoot)
            .SelectMany(dir => Directory.EnumerateFiles(dir, "*.md", SearchOption.TopDirectoryOnly))
            .Select(file => new ContentFile(
                System.IO.Path.GetRelativePath(contentRoot, file).Replace('\\', '/'),
                File.ReadAllText(file, Encoding.UTF8)))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
    }
}
