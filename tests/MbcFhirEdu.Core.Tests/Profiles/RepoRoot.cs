namespace MbcFhirEdu.Core.Tests.Profiles;

/// <summary>The repository root: the folder above the test output that holds MbcFhirEdu.sln.</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "MbcFhirEdu.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"MbcFhirEdu.sln was not found in any folder above {AppContext.BaseDirectory}.");
    }
}
