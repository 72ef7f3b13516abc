using Hl7.Fhir.Model;
using MbcFhirEdu.Web.Tests.Deployment;

namespace MbcFhirEdu.Web.Tests.Validation;

/// <summary>
/// Every FHIR file the sandbox EHR serves (its patient bundles and practitioners) read strictly and validated by
/// Firely against base R4: no errors. The sample data is what a newcomer and the coordinator see first, so a parser
/// note on it would look like an app fault (issue 20).
/// </summary>
public sealed class SandboxDataValidationTests
{
    public static TheoryData<string> SandboxFiles() => new(FileNames());

    // patients.json is the sandbox's own index of its patients, not a FHIR resource.
    private static IReadOnlyList<string> FileNames() =>
        Directory.GetFiles(RepoFiles.Combine("src", "MbcFhirEdu.Sandbox", "Data"), "*.json")
            .Select(path => Path.GetFileName(path))
            .Where(name => name != "patients.json")
            .Order(StringComparer.Ordinal)
            .ToList();

    [Theory]
    [MemberData(nameof(SandboxFiles))]
    public void Sandbox_file_is_valid_R4(string file)
    {
        var bundle = Assert.IsType<Bundle>(FirelyValidation.ReadStrictly(File.ReadAllText(RepoFiles.Combine("src", "MbcFhirEdu.Sandbox", "Data", file))));
        // Base R4 only: the US Core, mCODE and genomics-reporting profiles the resources claim are not in the validator's package set, and
        // Firely reports a claimed profile it cannot resolve as an error.
        foreach (var resource in bundle.Entry.Select(entry => entry.Resource).OfType<Resource>().Prepend(bundle))
        {
            if (resource.Meta is { } meta) meta.Profile = [];
        }

        var issues = FirelyValidation.Shared.Validate(bundle);

        var errors = issues.Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal).ToList();
        Assert.True(errors.Count == 0, $"{file} has {errors.Count} errors:\n{FirelyValidation.Describe(errors)}");
        // The IG extensions (us-core-birthsex, mcode-related-primary-cancer-condition, ...) cannot be resolved either;
        // any other warning (a wrong display, an unknown code) is a fault of the data.
        var warnings = issues.Where(i => i.Severity == OperationOutcome.IssueSeverity.Warning && !IsUnresolvedIgExtension(i)).ToList();
        Assert.True(warnings.Count == 0, $"{file} has {warnings.Count} warnings:\n{FirelyValidation.Describe(warnings)}");
    }

    [Fact]
    public void Every_sandbox_bundle_is_checked()
    {
        var files = FileNames();

        Assert.Contains("Practitioners.json", files);
        Assert.True(files.Count(f => f.StartsWith("Bundle-", StringComparison.Ordinal)) >= 16, "fewer sandbox bundles than the sandbox ships");
    }

    private static readonly string[] ImplementationGuides =
        ["http://hl7.org/fhir/us/core/", "http://hl7.org/fhir/us/mcode/", "http://hl7.org/fhir/uv/genomics-reporting/"];

    private static bool IsUnresolvedIgExtension(OperationOutcome.IssueComponent issue) =>
        issue.Details?.Text is { } text
        && ImplementationGuides.Any(guide => text.Contains("Unable to resolve reference to extension '" + guide, StringComparison.Ordinal));
}
