namespace MbcFhirEdu.Core.Tests.Profiles;

/// <summary>
/// fhir-profiles compiles cleanly and its committed output is current (issue 6: "sushi build clean in CI"),
/// and every FHIR JSON file the repository ships is valid against the official R4 JSON schema (item 5).
/// </summary>
public sealed class FhirToolsTests
{
    [Fact]
    public void FshGenerated_IsWhatSushiBuildsFromTheFsh()
    {
        NodeTools.RequireInstalled();

        var (exitCode, output) = NodeTools.Run("bash", Path.Combine(NodeTools.ToolsDirectory, "sushi-build.sh"), "--check");

        Assert.True(exitCode == 0, $"tests/tools/sushi-build.sh --check exited {exitCode}:\n{output}");
    }

    [Fact]
    public void GeneratedResourcesAndSandboxData_AreValidR4Json()
    {
        NodeTools.RequireInstalled();
        // patients.json is the sandbox's own index of its patients, not a FHIR resource.
        var sandboxData = Directory.GetFiles(RepoRoot.Combine("src", "MbcFhirEdu.Sandbox", "Data"), "*.json")
            .Where(f => Path.GetFileName(f) != "patients.json")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(sandboxData);

        var (exitCode, output) = NodeTools.Run("node",
            [Path.Combine(NodeTools.ToolsDirectory, "validate-fhir.mjs"), GeneratedValueSet.ResourcesDirectory, .. sandboxData]);

        Assert.True(exitCode == 0, $"validate-fhir.mjs found problems:\n{output}");
        Assert.Contains("files valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_ReportsFileAndJsonPathOfEachProblem()
    {
        NodeTools.RequireInstalled();
        var file = Path.Combine(Path.GetTempPath(), $"mbcedu-invalid-{Guid.NewGuid():n}.json");
        File.WriteAllText(file, """
            {"resourceType":"Bundle","type":"collection","entry":[
              {"resource":{"resourceType":"DocumentReference","status":"draft","content":[{"attachment":{"url":"x"}}]}},
              {"resource":{"resourceType":"Bot"}}]}
            """);
        try
        {
            var (exitCode, output) = NodeTools.Run("node", Path.Combine(NodeTools.ToolsDirectory, "validate-fhir.mjs"), file);

            Assert.Equal(1, exitCode);
            Assert.Contains($"{file} $.entry[0].resource.status: must be one of current, superseded, entered-in-error", output, StringComparison.Ordinal);
            Assert.Contains($"{file} $.entry[1].resource.resourceType: \"Bot\" is not an R4 resource type", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
