namespace MbcFhirEdu.Fhir.Model;

/// <summary>R4 OperationOutcome (operationoutcome.html): errors and warnings about an operation.</summary>
public sealed record OperationOutcome : DomainResource
{
    [System.Text.Json.Serialization.JsonIgnore]
    public override string ResourceType => "OperationOutcome";
    public IReadOnlyList<OperationOutcomeIssue> Issue { get; init; } = [];
}

/// <summary>OperationOutcome.issue: severity (fatal | error | warning | information), code (IssueType), details, diagnostics.</summary>
public sealed record OperationOutcomeIssue
{
    public string? Severity { get; init; }
    public string? Code { get; init; }
    public CodeableConcept? Details { get; init; }
    public string? Diagnostics { get; init; }
    public IReadOnlyList<string> Location { get; init; } = [];
    public IReadOnlyList<string> Expression { get; init; } = [];
}
