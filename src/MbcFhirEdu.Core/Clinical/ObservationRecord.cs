namespace MbcFhirEdu.Core.Clinical;

/// <summary>An Observation in neutral form.</summary>
public sealed record ObservationRecord
{
    /// <summary>"Observation/{id}".</summary>
    public required string Reference { get; init; }
    public IReadOnlyList<Code> Codes { get; init; } = [];
    public string? CodeText { get; init; }
    /// <summary>final, amended, corrected, preliminary, registered, cancelled, entered-in-error, unknown (lower case).</summary>
    public string? Status { get; init; }
    public IReadOnlyList<Code> Categories { get; init; } = [];
    /// <summary>effectiveDateTime, effectivePeriod.start or effectiveInstant.</summary>
    public DateOnly? Effective { get; init; }
    public DateOnly? Issued { get; init; }
    public ObservationValue? Value { get; init; }
    public IReadOnlyList<Code> Interpretations { get; init; } = [];
    public string? InterpretationText { get; init; }
    public IReadOnlyList<ComponentRecord> Components { get; init; } = [];
    public IReadOnlyList<Code> BodySites { get; init; } = [];
    public IReadOnlyList<Code> Methods { get; init; } = [];
    /// <summary>Observation.note texts (e.g. "faint staining"), joined.</summary>
    public string? Note { get; init; }
    /// <summary>Observation.focus references ("Condition/{id}" when it resolves in the input): e.g. the primary a stage is about.</summary>
    public IReadOnlyList<RelatedReference> Focus { get; init; } = [];

    public DateOnly? Date => Effective ?? Issued;
}

public sealed record ComponentRecord
{
    public IReadOnlyList<Code> Codes { get; init; } = [];
    public string? CodeText { get; init; }
    public ObservationValue? Value { get; init; }
    public IReadOnlyList<Code> Interpretations { get; init; } = [];
}

public enum ValueKind { CodeableConcept, Quantity, String, Boolean, Integer, Ratio, Range, DateTime, Absent, Other }

/// <summary>
/// Observation.value[x] (or component.value[x]) in one shape: <see cref="Kind"/> says which fields are set.
/// Absent means only dataAbsentReason was given (its code in <see cref="Text"/>).
/// </summary>
public sealed record ObservationValue
{
    public required ValueKind Kind { get; init; }
    public IReadOnlyList<Code> Codes { get; init; } = [];
    /// <summary>valueString, CodeableConcept.text, or the dataAbsentReason code.</summary>
    public string? Text { get; init; }
    public decimal? Number { get; init; }
    /// <summary>Quantity.comparator: "&lt;", "&lt;=", "&gt;=", "&gt;".</summary>
    public string? Comparator { get; init; }
    public string? Unit { get; init; }
    public bool? Boolean { get; init; }
    public decimal? Numerator { get; init; }
    public string? NumeratorComparator { get; init; }
    public decimal? Denominator { get; init; }
    /// <summary>Range.high for ranges (Number holds Range.low).</summary>
    public decimal? High { get; init; }
}
