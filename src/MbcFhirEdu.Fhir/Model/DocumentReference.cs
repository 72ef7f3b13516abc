namespace MbcFhirEdu.Fhir.Model;

/// <summary>
/// R4 DocumentReference (documentreference.html) as <c>Patient/$education</c> returns it: one education material,
/// conforming to fhir-profiles' MbcEducationDocumentReference. Write-only here.
/// </summary>
public sealed record DocumentReference : DomainResource
{
    [System.Text.Json.Serialization.JsonIgnore]
    public override string ResourceType => "DocumentReference";
    /// <summary>Resource.language (resource.html#Resource.language).</summary>
    public string? Language { get; init; }
    public IReadOnlyList<Identifier> Identifier { get; init; } = [];
    /// <summary>current | superseded | entered-in-error (required).</summary>
    public string? Status { get; init; }
    public CodeableConcept? Type { get; init; }
    public ResourceReference? Subject { get; init; }
    public DateTimeOffset? Date { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<DocumentReferenceContent> Content { get; init; } = [];
    public DocumentReferenceContext? Context { get; init; }
}

/// <summary>DocumentReference.content: the document's attachment.</summary>
public sealed record DocumentReferenceContent
{
    public Attachment? Attachment { get; init; }
}

/// <summary>DocumentReference.context: the patient the document was made for and the resources it relates to.</summary>
public sealed record DocumentReferenceContext
{
    public ResourceReference? SourcePatientInfo { get; init; }
    public IReadOnlyList<ResourceReference> Related { get; init; } = [];
}
