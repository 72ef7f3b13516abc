using System.Text.Json;
using Firely.Fhir.Validation;
using Firely.Fhir.Validation.Compilation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;
using MbcFhirEdu.Web.Tests.Deployment;

namespace MbcFhirEdu.Web.Tests.Validation;

/// <summary>
/// Firely's validator (Firely.Fhir.Validation.R4) over base R4, from the specification zip of
/// Hl7.Fhir.Specification.Data.R4, and the profiles compiled in fhir-profiles/fsh-generated, which hold differentials
/// only: <see cref="SnapshotSource"/> generates their snapshots (Firely's SnapshotGenerator) on first use, after
/// Firely's <see cref="StructureDefinitionCorrectionsResolver"/> has fixed the known errata of the R4 definitions.
/// Terminology is the local spec's value sets (<see cref="LocalTerminologyService"/>); no server is asked. A code whose
/// value set draws on a code system outside the spec (BCP-13 mime types for <c>contentType</c> and
/// <c>CapabilityStatement.format</c>) cannot be checked here: Firely reports that as a warning, which
/// <see cref="AssertValid"/> lets through by name. Everything else, error or warning, fails.
/// </summary>
public sealed class FirelyValidation
{
    private static readonly Lazy<FirelyValidation> Instance = new(() => new FirelyValidation());

    // Strict, as the validator's input should be: a response Firely cannot read strictly is not valid FHIR JSON.
    private static readonly JsonSerializerOptions StrictReading = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    /// <summary>The external code systems whose bindings are not checked (the spec zip has no expansion for them).</summary>
    public static readonly IReadOnlyList<string> ExternalCodeSystems = ["urn:ietf:bcp:13"];

    private readonly Validator _validator;
    private readonly Lock _gate = new();

    private FirelyValidation()
    {
        var specification = ZipSource.CreateValidationSource(Path.Combine(AppContext.BaseDirectory, "specification.zip"));
        var profiles = new DirectorySource(RepoFiles.Combine("fhir-profiles", "fsh-generated", "resources"),
            new DirectorySourceSettings { IncludeSubDirectories = false });
        // Firely's corrections to the R4 spec (e.g. ref-1, which the 4.0.1 text breaks for identifier- or display-only
        // references) must reach the snapshots, so they sit under the SnapshotSource.
        var resolver = new CachedResolver(new SnapshotSource(new StructureDefinitionCorrectionsResolver(new MultiResolver(profiles, specification))));
        _validator = new Validator(resolver, new LocalTerminologyService(resolver));
    }

    /// <summary>One validator for the whole test run: building its schemas takes seconds, using them milliseconds.</summary>
    public static FirelyValidation Shared => Instance.Value;

    /// <summary>Reads FHIR JSON strictly (any issue throws), as the input of a validation.</summary>
    public static Resource ReadStrictly(string json) =>
        JsonSerializer.Deserialize<Resource>(json, StrictReading) ?? throw new JsonException("no resource");

    /// <summary>The issues Firely reports for <paramref name="resource"/> (against <paramref name="profile"/> too, when given).</summary>
    public IReadOnlyList<OperationOutcome.IssueComponent> Validate(Resource resource, string? profile = null)
    {
        // The validator's caches are filled on first use; one validation at a time keeps that simple and safe.
        lock (_gate) return _validator.Validate(resource, profile).Issue;
    }

    /// <summary>0 errors and no warnings other than unverifiable external terminology.</summary>
    public void AssertValid(Resource resource, string name, string? profile = null)
    {
        var problems = Validate(resource, profile).Where(issue => !IsExternalTerminology(issue)).ToList();
        Assert.True(problems.Count == 0, $"{name} ({resource.TypeName}{(profile is null ? "" : ", " + profile)}) is not valid:\n" + Describe(problems));
    }

    /// <summary>The errors (and fatal issues) only.</summary>
    public IReadOnlyList<OperationOutcome.IssueComponent> Errors(Resource resource, string? profile = null) =>
        [.. Validate(resource, profile).Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)];

    /// <summary>Asserts that Firely reports an error naming <paramref name="element"/> (in its text or location).</summary>
    public void AssertRefused(Resource resource, string element, string? profile = null)
    {
        var errors = Errors(resource, profile);
        Assert.True(errors.Any(e => Describe([e]).Contains(element, StringComparison.Ordinal)),
            $"expected an error about {element} in {resource.TypeName}, got:\n{Describe(errors)}");
    }

    public static string Describe(IEnumerable<OperationOutcome.IssueComponent> issues) =>
        string.Join("\n", issues.Select(i => $"  {i.Severity} {i.Code} at {string.Join(", ", i.Expression)}: {i.Details?.Text ?? i.Diagnostics}"));

    private static bool IsExternalTerminology(OperationOutcome.IssueComponent issue) =>
        issue.Severity == OperationOutcome.IssueSeverity.Warning
        && issue.Details?.Text is { } text
        && ExternalCodeSystems.Any(system => text.Contains($"cannot find codesystem '{system}'", StringComparison.Ordinal));
}
