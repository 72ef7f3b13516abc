namespace MbcFhirEdu.Fhir.Model;

/// <summary>
/// R4 Patient (patient.html), reduced to what the service needs: gender and communication languages.
/// Names, birth dates, addresses and identifiers are PHI the service does not need, so they are not read.
/// </summary>
public sealed record Patient : DomainResource
{
    [System.Text.Json.Serialization.JsonIgnore]
    public override string ResourceType => "Patient";
    public bool? Active { get; init; }
    public string? Gender { get; init; }
    public IReadOnlyList<PatientCommunication> Communication { get; init; } = [];
}

/// <summary>Patient.communication (patient.html#Patient.communication): a language (BCP-47) and whether it is preferred.</summary>
public sealed record PatientCommunication
{
    public CodeableConcept? Language { get; init; }
    public bool? Preferred { get; init; }
}
