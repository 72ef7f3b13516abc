namespace MbcFhirEdu.Fhir.Tests;

/// <summary>Locates the shared fixtures by walking up from the test binaries to the folder holding MbcFhirEdu.sln.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string External(string relative) => Path.Combine(RepoRoot, "tests", "fixtures", "external", relative);

    public static string Fhir(string name) => Path.Combine(RepoRoot, "tests", "fixtures", "fhir", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MbcFhirEdu.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("MbcFhirEdu.sln not found above " + AppContext.BaseDirectory);
    }
}
