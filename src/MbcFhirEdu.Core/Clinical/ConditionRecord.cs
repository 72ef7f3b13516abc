namespace MbcFhirEdu.Core.Clinical;

/// <summary>A Condition in neutral form. Status codes are the bare code values, lower case ("active", "entered-in-error").</summary>
public sealed record ConditionRecord
{
    /// <summary>"Condition/{id}" (or the urn:uuid fullUrl when the resource has no id).</summary>
    public required string Reference { get; init; }
    public IReadOnlyList<Code> Codes { get; init; } = [];
    public string? Text { get; init; }
    public IReadOnlyList<Code> BodySites { get; init; } = [];
    public string? BodySiteText { get; init; }
    public string? ClinicalStatus { get; init; }
    public string? VerificationStatus { get; init; }
    public IReadOnlyList<Code> Categories { get; init; } = [];
    /// <summary>onsetDateTime, or onsetPeriod.start.</summary>
    public DateOnly? Onset { get; init; }
    public DateOnly? Recorded { get; init; }
    /// <summary>The condition-assertedDate extension.</summary>
    public DateOnly? Asserted { get; init; }
    public DateOnly? Abatement { get; init; }
    public IReadOnlyList<StageRecord> Stages { get; init; } = [];
    /// <summary>
    /// The mCODE related-primary-cancer-condition extension's references ("Condition/{id}" when it resolves in the
    /// input, else the reference as written), and the reference displays where given (CODES.md rule 12).
    /// </summary>
    public IReadOnlyList<RelatedReference> RelatedPrimaries { get; init; } = [];
}

/// <summary>A reference to another resource: "Type/id" (or as written when it does not resolve), and its display.</summary>
public sealed record RelatedReference(string Reference, string? Display = null);

/// <summary>Condition.stage: summary codings and text, the stage type, and references to assessment Observations.</summary>
public sealed record StageRecord
{
    public IReadOnlyList<Code> Summary { get; init; } = [];
    public string? SummaryText { get; init; }
    public IReadOnlyList<Code> Type { get; init; } = [];
    public IReadOnlyList<string> Assessments { get; init; } = [];
}
