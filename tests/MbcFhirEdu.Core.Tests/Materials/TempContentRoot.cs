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

    private readonly HashSet<string> twins = [];

    /// <summary>Writes <paramref name="relativePath"/> (e.g. "en/x.md") and returns this root for chaining.</summary>
    public TempContentRoot Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    /// <summary>
    /// Writes the materials and, for each English one the test gives no Spanish version of (and none is on disk yet),
    /// its Spanish twin: every English material needs one, and each test should see only the problem it makes.
    /// </summary>
    public TempContentRoot WriteLibrary(IEnumerable<MaterialText> materials)
    {
        var list = materials.ToList();
        foreach (var m in list)
        {
            Write(m.Path, m.ToString());
        }
        foreach (var m in list.Where(m => m.Language == "en"))
        {
            var twin = m.SpanishTwin();
            // A Spanish file the test wrote itself stays; a twin from an earlier call follows its English original.
            if (twins.Contains(twin.Path) || !File.Exists(Path.Combine(Root, twin.Path)))
            {
                Write(twin.Path, twin.ToString());
                twins.Add(twin.Path);
            }
        }
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
