using System.Diagnostics.CodeAnalysis;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Grouping;

namespace MbcFhirEdu.Fhir.Input;

/// <summary>Why an input could not be read.</summary>
public enum FhirReadErrorKind
{
    /// <summary>The file does not exist or cannot be read.</summary>
    Io,
    /// <summary>Not well-formed JSON; <see cref="FhirReadError.Line"/> and <see cref="FhirReadError.Column"/> say where.</summary>
    InvalidJson,
    /// <summary>JSON, but not a FHIR resource (no resourceType).</summary>
    NotFhir,
    /// <summary>A <see cref="FhirReadLimits"/> bound was exceeded; the message names it.</summary>
    LimitExceeded,
    /// <summary>No Patient and no resource with a subject (CODES.md rule 12).</summary>
    NoPatientData,
}

/// <summary>
/// A read failure. <see cref="Line"/> and <see cref="Column"/> are 1-based (column in bytes); for NDJSON the line
/// is the file line. Messages carry positions, field names and limits, never resource content.
/// </summary>
public sealed record FhirReadError(FhirReadErrorKind Kind, string Source, string Message, long? Line = null, long? Column = null)
{
    /// <summary>"FILE:line:column: message", "FILE: message", or for <see cref="FhirReadErrorKind.NoPatientData"/> the message alone.</summary>
    public override string ToString() => Kind switch
    {
        FhirReadErrorKind.NoPatientData => Message,
        _ when Line is not null => $"{Source}:{Line}:{Column}: {Message}",
        _ => $"{Source}: {Message}",
    };
}

/// <summary>
/// What <see cref="FhirInput.Read(string, FhirReadLimits?)"/> produced: one <see cref="PatientData"/> per patient in
/// file order, or an error. <see cref="Warnings"/> holds the warnings about the file as a whole (also copied into
/// every patient's <see cref="PatientData.ReadWarnings"/>); with a "no patient data" error it may say why
/// (e.g. an OperationOutcome the server returned).
/// </summary>
public sealed record FhirReadResult
{
    public IReadOnlyList<PatientData> Patients { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public FhirReadError? Error { get; init; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static FhirReadResult Failure(FhirReadError error) => new() { Error = error };
}

/// <summary>The de-duplicated resources of one input, or why they could not be read.</summary>
internal sealed record ResourceReadResult(ResourceSet? Resources, FhirReadError? Error)
{
    [MemberNotNullWhen(true, nameof(Resources))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null && Resources is not null;
}
