namespace MbcFhirEdu.Core.Clinical;

/// <summary>
/// One patient's records in a neutral shape: what the FHIR layer read, with no FHIR JSON left in it.
/// The extractor builds a <see cref="ClinicalProfile"/> from this alone.
/// </summary>
public sealed record PatientData
{
    public required PatientRecord Patient { get; init; }
    public IReadOnlyList<ConditionRecord> Conditions { get; init; } = [];
    public IReadOnlyList<ObservationRecord> Observations { get; init; } = [];
    public IReadOnlyList<ReportRecord> Reports { get; init; } = [];
    /// <summary>Problems found while reading (e.g. DSTU2 shapes, unresolved subjects); copied into the profile's warnings.</summary>
    public IReadOnlyList<string> ReadWarnings { get; init; } = [];
}

public sealed record PatientRecord
{
    /// <summary>"Patient/{id}".</summary>
    public required string Reference { get; init; }
    /// <summary>Patient.communication in document order.</summary>
    public IReadOnlyList<LanguagePreference> Languages { get; init; } = [];
    public string? Gender { get; init; }
    /// <summary>Patient.deceasedBoolean true or any deceasedDateTime, on this record or a record merged with it (rule 16).</summary>
    public bool Deceased { get; init; }
}

/// <summary>A Patient.communication language: the BCP-47 code as written (e.g. "es-MX") and the preferred flag.</summary>
public sealed record LanguagePreference(string Code, bool Preferred);
