namespace MbcFhirEdu.Web.Features.Coordinator;

/// <summary>What the send form shows: its id (the idempotency nonce), and on a fixable error what was chosen and written.</summary>
public sealed record FormState(string Nonce, IReadOnlySet<string> Selected, string Note)
{
    public string? Error { get; init; }
    /// <summary>The id of the field the error is about ("personal-note" or "materials").</summary>
    public string? ErrorField { get; init; }

    public static FormState Fresh() => new(CoordinatorSendForm.NewNonce(), new HashSet<string>(), "");
}
