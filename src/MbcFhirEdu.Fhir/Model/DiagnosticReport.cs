namespace MbcFhirEdu.Fhir.Model;

/// <summary>R4 DiagnosticReport (diagnosticreport.html); conclusionCode may carry a metastasis site (e.g. a bone scan).</summary>
public sealed record DiagnosticReport : DomainResource
{
    [System.Text.Json.Serialization.JsonIgnore]
    public override string ResourceType => "DiagnosticReport";
    public string? Status { get; init; }
    public IReadOnlyList<CodeableConcept> Category { get; init; } = [];
    public CodeableConcept? Code { get; init; }
    public ResourceReference? Subject { get; init; }
    public string? EffectiveDateTime { get; init; }
    public Period? EffectivePeriod { get; init; }
    public string? Issued { get; init; }
    public IReadOnlyList<ResourceReference> Result { get; init; } = [];
    public string? Conclusion { get; init; }
    public IReadOnlyList<CodeableConcept> ConclusionCode { get; init; } = [];
}
