namespace MbcFhirEdu.Core.Tests.Materials;

/// <summary>A throw-away content root (en/, es/) under the temp folder; each test makes its own.</summary>
public sealed class TempContentRoot : IDisposable
{
    public TempContentRoot()
    {
        Root = Path.Combine(Path.GetTempPath(), "mbcedu-content-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(Path.Combine(Root, "en"));
        Directory.CreateDirectory(Path.Combine(Root, "es"));
    }

    public string Root { get; }

    /// <summary>Writes <paramref name="relativePath"/> (e.g. "en/x.md") and returns this root for chaining.</summary>
    public TempContentRoot Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
