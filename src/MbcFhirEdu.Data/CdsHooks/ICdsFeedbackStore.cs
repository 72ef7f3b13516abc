namespace MbcFhirEdu.Data.CdsHooks;

/// <summary>
/// Stores CDS Hooks 2.0 feedback (§"Feedback": which card was accepted or overridden, and why). Kept in the
/// database (<c>DbCdsFeedbackStore</c>), shared by every replica.
/// </summary>
public interface ICdsFeedbackStore
{
    Task AddAsync(CdsFeedbackRecord feedback, CancellationToken cancellationToken);

    /// <summary>The most recent entries, newest last.</summary>
    Task<IReadOnlyList<CdsFeedbackRecord>> RecentAsync(int count, CancellationToken cancellationToken);
}

/// <summary>One feedback item as stored: no patient data, only the card, the outcome and the client.</summary>
/// <param name="Issuer">The verified CDS client (JWT <c>iss</c>), or null when authentication is not configured.</param>
public sealed record CdsFeedbackRecord(
    string ServiceId,
    string Card,
    string Outcome,
    IReadOnlyList<string> AcceptedSuggestions,
    string? OverrideReasonCode,
    string? OverrideReasonSystem,
    string? UserComment,
    DateTimeOffset OutcomeTimestamp,
    string? Issuer,
    DateTimeOffset ReceivedAt);
