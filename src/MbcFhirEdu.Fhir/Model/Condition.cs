namespace MbcFhirEdu.Fhir.Model;

/// <summary>
/// R4 Condition (condition.html). The tolerant reader also accepts the STU3/DSTU2 shapes (string statuses,
/// <c>patient</c>, a single <c>category</c>, <c>assertedDate</c>, <c>dateRecorded</c>) and stores them in
/// these R4 elements; <c>assertedDate</c> becomes the condition-assertedDate extension.
/// </summary>
public sealed record Condition : DomainResource
{
    [System.Text.Json.Serialization.JsonIgnore]
    public override string ResourceType => "Condition";
    public CodeableConcept? ClinicalStatus { get; init; }
    public CodeableConcept? VerificationStatus { get; init; }
    public IReadOnlyList<CodeableConcept> Category { get; init; } = [];
    public CodeableConcept? Code { get; init; }
    public IReadOnlyList<CodeableConcept> BodySite { get; init; } = [];
    public ResourceReference? Subject { get; init; }
    public string? OnsetDateTime { get; init; }
    public Period? OnsetPeriod { get; init; }
    public string? AbatementDateTime { get; init; }
    public Period? AbatementPeriod { get; init; }
    public string? RecordedDate { get; init; }
    public IReadOnlyList<ConditionStage> Stage { get; init; } = [];
    public IReadOnlyList<Annotation> Note { get; init; } = [];
}

/// <summary>Condition.stage (condition.html#Condition.stage): summary, assessment references and staging system.</summary>
public sealed record ConditionStage
{
    public CodeableConcept? Summary { get; init; }
    public IReadOnlyList<ResourceReference> Assessment { get; init; } = [];
    public CodeableConcept? Type { get; init; }
}
