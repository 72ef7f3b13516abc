namespace MbcFhirEdu.EndToEnd.Tests.Infrastructure;

/// <summary>Test artifacts (screenshots) go to <c>artifacts/</c> in the test's output folder.</summary>
public static class Artifacts
{
    public static string Directory { get; } = System.IO.Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;

    public static string PathFor(string fileName) => Path.Combine(Directory, fileName);
}
