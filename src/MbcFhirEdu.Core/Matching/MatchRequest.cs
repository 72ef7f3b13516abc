namespace MbcFhirEdu.Core.Matching;

/// <summary>Who reads the recommendations.</summary>
public enum Audience
{
    /// <summary>Confirmed findings only, subject to the hold policy; no resource ids.</summary>
    Patient,
    /// <summary>Every fact and its evidence, with resource ids in the reasons.</summary>
    Clinician,
}

/// <summary>
/// The organisation's release policy for the patient audience.
/// </summary>
public sealed record MatchPolicy
{
    /// <summary>Hide facts first recorded in the last N days (today included) until discussed; 0 (default) turns it off.</summary>
    public int HoldRecentDays { get; init; }

    /// <summary>Today's date, supplied by the caller (the engine never reads a clock).</summary>
    public DateOnly Today { get; init; }
}

/// <summary>What to recommend for: language (two-letter code; "en" and "es" have materials), audience, policy, and FHIR Patient.gender.</summary>
public sealed record MatchRequest
{
    public string Language { get; init; } = "en";
    public Audience Audience { get; init; } = Audience.Patient;
    public MatchPolicy Policy { get; init; } = new();
    /// <summary>FHIR Patient.gender ("male", "female", "other", "unknown") or null.</summary>
    public string? Sex { get; init; }
    /// <summary>
    /// Attach each recommendation's evidence (the resources its facts came from). Default: clinician audience only.
    /// FHIR output (<c>Patient/$education</c>'s <c>context.related</c>) asks for it for the patient audience too; the
    /// facts are then those left after the hold policy, so no held finding is pointed at.
    /// </summary>
    public bool? IncludeEvidence { get; init; }
    /// <summary>
    /// Parts of the record that failed to load or loaded only in part (plain names for the reader, e.g. "conditions").
    /// When any is named the record is partial (DESIGN.md "Partial and untrustworthy records"): nothing is concluded
    /// from a gap, the universal urgent material is offered, and the notes name the missing parts. The names go into
    /// the notes as given, so pass them in the words of <see cref="Language"/> (e.g. "diagnoses" / "diagnósticos").
    /// </summary>
    public IReadOnlyList<string> MissingParts { get; init; } = [];
}
