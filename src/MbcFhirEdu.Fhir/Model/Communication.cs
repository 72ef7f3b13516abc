namespace MbcFhirEdu.Fhir.Model;

/// <summary>
/// R4 Communication (communication.html), written back to the EHR when a care coordinator sends a
/// material. Write-only here: the reader does not read Communication resources.
/// </summary>
public sealed record Communication : DomainResource
{
    [System.Text.Json.Serialization.JsonIgnore]
    public override string ResourceType => "Communication";
    public IReadOnlyList<Identifier> Identifier { get; init; } = [];
    /// <summary>preparation | in-progress | not-done | on-hold | stopped | completed | entered-in-error | unknown (required).</summary>
    public string? Status { get; init; }
    public IReadOnlyList<CodeableConcept> Category { get; init; } = [];
    public ResourceReference? Subject { get; init; }
    public IReadOnlyList<ResourceReference> About { get; init; } = [];
    public DateTimeOffset? Sent { get; init; }
    public IReadOnlyList<ResourceReference> Recipient { get; init; } = [];
    public ResourceReference? Sender { get; init; }
    public IReadOnlyList<CommunicationPayload> Payload { get; init; } = [];
}

/// <summary>Communication.payload: content[x] as a string, an attachment or a reference.</summary>
public sealed record CommunicationPayload
{
    public string? ContentString { get; init; }
    public Attachment? ContentAttachment { get; init; }
    public ResourceReference? ContentReference { get; init; }
}
