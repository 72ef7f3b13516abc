using System.Text.Json.Serialization;

namespace MbcFhirEdu.Fhir.Model;

/// <summary>
/// R4 Resource (resource.html): id and meta, as the old reader reads them (what the service writes goes through
/// Firely's POCOs). <c>resourceType</c> is the type discriminator.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "resourceType")]
[JsonDerivedType(typeof(Patient), "Patient")]
[JsonDerivedType(typeof(Condition), "Condition")]
[JsonDerivedType(typeof(Observation), "Observation")]
[JsonDerivedType(typeof(DiagnosticReport), "DiagnosticReport")]
[JsonDerivedType(typeof(Bundle), "Bundle")]
[JsonDerivedType(typeof(OperationOutcome), "OperationOutcome")]
public abstract record Resource
{
    /// <summary>The FHIR resource type name ("Patient", "Observation", …).</summary>
    [JsonIgnore]
    public abstract string ResourceType { get; }

    // FHIR JSON convention (and every published example) puts id, meta and extension before the elements.
    [JsonPropertyOrder(-3)]
    public string? Id { get; init; }

    [JsonPropertyOrder(-2)]
    public Meta? Meta { get; init; }

    /// <summary>"Type/id", or null when the resource has no id.</summary>
    [JsonIgnore]
    public string? TypeAndId => Id is null ? null : ResourceType + "/" + Id;
}

/// <summary>R4 DomainResource (domainresource.html): adds extensions. Narrative (<c>text</c>) is deliberately not modelled.</summary>
public abstract record DomainResource : Resource
{
    [JsonPropertyName("extension")]
    [JsonPropertyOrder(-1)]
    public IReadOnlyList<Extension> Extensions { get; init; } = [];
}
