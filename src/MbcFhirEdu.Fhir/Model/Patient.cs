namespace MbcFhirEdu.Fhir.Model;

/// <summary>
/// R4 Patient (patient.html), reduced to what the service needs: gender, communication languages, whether the patient
/// has died (CODES.md rule 16), and what tells two records of one person apart from two people: identifiers and links
/// (rule 12). Names, birth dates and addresses are PHI the service does not need, so they are not read.
/// </summary>
public sealed record Patient : DomainResource
{
    [System.Text.Json.Serialization.JsonIgnore]
    public override string ResourceType => "Patient";
    public IReadOnlyList<Identifier> Identifier { get; init; } = [];
    public bool? Active { get; init; }
    public string? Gender { get; init; }
    public bool? DeceasedBoolean { get; init; }
    public string? DeceasedDateTime { get; init; }
    public IReadOnlyList<PatientCommunication> Communication { get; init; } = [];
    public IReadOnlyList<PatientLink> Link { get; init; } = [];
}

/// <summary>Patient.communication (patient.html#Patient.communication): a language (BCP-47) and whether it is preferred.</summary>
public sealed record PatientCommunication
{
    public CodeableConcept? Language { get; init; }
    public bool? Preferred { get; init; }
}

/// <summary>Patient.link (patient.html#Patient.link): another record of the same person (replaced-by | replaces | refer | seealso).</summary>
public sealed record PatientLink
{
    public ResourceReference? Other { get; init; }
    public string? Type { get; init; }
}
