namespace MbcFhirEdu.Fhir.Http;

/// <summary>Why a FHIR call returned less than asked.</summary>
public enum FhirProblemKind
{
    InvalidRequest,
    /// <summary>No usable token, or 401 even after one refresh.</summary>
    Unauthorized,
    Forbidden,
    NotFound,
    /// <summary>Another HTTP error status after the retries (the status is in <see cref="FhirProblem.Status"/>).</summary>
    HttpStatus,
    /// <summary>Every try ran past the per-try timeout.</summary>
    Timeout,
    /// <summary>The FHIR server's circuit is open after repeated failures; no request was sent.</summary>
    CircuitOpen,
    Network,
    /// <summary>A response body was larger than <c>Smart:MaxResponseBytes</c>; reading stopped there.</summary>
    ResponseTooLarge,
    /// <summary>The page load read more than <c>Smart:MaxLoadBytes</c> in total.</summary>
    LoadBudgetExhausted,
    InvalidResponse,
    /// <summary>A <c>next</c> link pointed outside the FHIR base; it was not followed.</summary>
    NextLinkRefused,
    /// <summary>A <c>next</c> link pointed to a page already read.</summary>
    PagingLoop,
    /// <summary>More pages remained after <c>Smart:MaxPages</c>.</summary>
    PageLimitReached,
    /// <summary>The server returned an OperationOutcome entry alongside the results.</summary>
    ServerWarning,
    /// <summary>The overall deadline ran out before this part finished.</summary>
    DeadlineExceeded,
}

/// <summary>One thing that went wrong in a FHIR call: safe to show and to log (no URLs, ids or bodies).</summary>
public sealed record FhirProblem(FhirProblemKind Kind, string Message, int? Status = null)
{
    /// <summary>
    /// The server's own words from the OperationOutcome of an error answer (diagnostics or details.text, at most 300
    /// characters, control characters removed). May name ids, so it is for the caller's answer only, never for logs.
    /// </summary>
    public string? ServerText { get; init; }

    public override string ToString() => $"FhirProblem {{ Kind = {Kind}, Status = {Status} }}";
}
