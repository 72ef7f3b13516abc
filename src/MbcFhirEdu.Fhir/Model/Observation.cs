namespace MbcFhirEdu.Fhir.Model;

/// <summary>
/// R4 Observation (observation.html). value[x] is kept as one property per type so the JSON shape is the
/// FHIR one; a valid resource sets at most one of them (obs-6: never together with dataAbsentReason),
/// but the tolerant reader keeps every one it finds and warns.
/// </summary>
public sealed record Observation : DomainResource
{
    [System.Text.Json.Serialization.JsonIgnore]
    public override string ResourceType => "Observation";
    public string? Status { get; init; }
    public IReadOnlyList<CodeableConcept> Category { get; init; } = [];
    public CodeableConcept? Code { get; init; }
    public ResourceReference? Subject { get; init; }
    /// <summary>What the observation is about when that is not the subject itself, e.g. the primary cancer a stage belongs to.</summary>
    public IReadOnlyList<ResourceReference> Focus { get; init; } = [];
    public string? EffectiveDateTime { get; init; }
    public Period? EffectivePeriod { get; init; }
    public string? EffectiveInstant { get; init; }
    public string? Issued { get; init; }
    public Quantity? ValueQuantity { get; init; }
    public CodeableConcept? ValueCodeableConcept { get; init; }
    public string? ValueString { get; init; }
    public bool? ValueBoolean { get; init; }
    public int? ValueInteger { get; init; }
    public QuantityRange? ValueRange { get; init; }
    public Ratio? ValueRatio { get; init; }
    public SampledData? ValueSampledData { get; init; }
    public string? ValueTime { get; init; }
    public string? ValueDateTime { get; init; }
    public Period? ValuePeriod { get; init; }
    public CodeableConcept? DataAbsentReason { get; init; }
    public IReadOnlyList<CodeableConcept> Interpretation { get; init; } = [];
    public IReadOnlyList<Annotation> Note { get; init; } = [];
    public CodeableConcept? BodySite { get; init; }
    public CodeableConcept? Method { get; init; }
    public IReadOnlyList<ObservationComponent> Component { get; init; } = [];
}

/// <summary>Observation.component (observation.html#Observation.component): a code with its own value[x].</summary>
public sealed record ObservationComponent
{
    public CodeableConcept? Code { get; init; }
    public Quantity? ValueQuantity { get; init; }
    public CodeableConcept? ValueCodeableConcept { get; init; }
    public string? ValueString { get; init; }
    public bool? ValueBoolean { get; init; }
    public int? ValueInteger { get; init; }
    public QuantityRange? ValueRange { get; init; }
    public Ratio? ValueRatio { get; init; }
    public SampledData? ValueSampledData { get; init; }
    public string? ValueTime { get; init; }
    public string? ValueDateTime { get; init; }
    public Period? ValuePeriod { get; init; }
    public CodeableConcept? DataAbsentReason { get; init; }
    public IReadOnlyList<CodeableConcept> Interpretation { get; init; } = [];
}
