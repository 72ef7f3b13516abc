using System.Diagnostics.CodeAnalysis;

namespace MbcFhirEdu.Fhir.Http;

/// <summary>
/// A FHIR create (R4 §3.1.0.8, conditional with <c>If-None-Exist</c>): the server's id for the resource, or the
/// problem. <see cref="Permanent"/> tells a caller's retry loop to stop: the server refused the content itself
/// (4xx other than 408 and 429), so sending it again cannot succeed.
/// </summary>
public sealed record FhirCreateResult
{
    /// <summary>The id the server gave (or the existing match's id); null if the server did not say.</summary>
    public string? Id { get; private init; }
    /// <summary>True when a conditional create matched an existing resource (200) instead of creating one (201).</summary>
    public bool Existing { get; private init; }
    public FhirProblem? Problem { get; private init; }
    /// <summary>The text of the server's OperationOutcome (diagnostics or details), when it sent one.</summary>
    public string? OutcomeText { get; private init; }
    public bool Permanent { get; private init; }

    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Problem is null;

    public static FhirCreateResult Success(string? id, bool existing) => new() { Id = id, Existing = existing };

    public static FhirCreateResult Failure(FhirProblem problem, bool permanent, string? outcomeText = null) =>
        new() { Problem = problem, Permanent = permanent, OutcomeText = outcomeText };

    /// <summary>What to show a coordinator: the EHR's own words when it gave some, else ours.</summary>
    public string Describe() => Problem is null ? "" : OutcomeText is { Length: > 0 } text ? text : Problem.Message;
}
