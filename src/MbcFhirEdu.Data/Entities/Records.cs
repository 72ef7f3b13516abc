namespace MbcFhirEdu.Data.Entities;

/// <summary>A pending SMART launch (table <c>launch_states</c>). The payload is protected by the web layer.</summary>
public sealed class LaunchStateRecord
{
    /// <summary>The <c>state</c> parameter (256 random bits, base64url).</summary>
    public required string State { get; set; }
    /// <summary>The serialized launch state, protected with ASP.NET Data Protection.</summary>
    public required string ProtectedPayload { get; set; }
    /// <summary>Set once by the single winning take; later takes see a used tombstone until expiry.</summary>
    public bool Used { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>A completed launch's tokens and context (table <c>token_sessions</c>).</summary>
public sealed class TokenSessionRecord
{
    /// <summary>SHA-256 (hex) of the session id: the id itself is a bearer secret and is never stored.</summary>
    public required string IdHash { get; set; }
    /// <summary>The serialized session (tokens included), protected with ASP.NET Data Protection.</summary>
    public required string ProtectedPayload { get; set; }
    /// <summary>SHA-256 (hex) of the owning browser's current key (a cookie value); null for a session no browser started.</summary>
    public string? BrowserHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>The absolute expiry (<c>Smart:SessionLifetime</c> after login).</summary>
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>The idle expiry, slid by the browser's use; never past <see cref="ExpiresAt"/>.</summary>
    public DateTimeOffset IdleExpiresAt { get; set; }
}

public enum DeliveryStatus { Pending = 0, Sending = 1, Delivered = 2, Failed = 3 }

/// <summary>How the outbox worker gets a bearer token for a delivery's write-back.</summary>
public enum DeliveryTokenKind { UserSession = 0, BackendServices = 1 }

/// <summary>
/// One material sent to one patient, written to the EHR as one FHIR Communication (table <c>deliveries</c>). The row
/// is also the outbox entry: it is committed before any EHR call, and the worker claims it with a lease.
/// </summary>
public sealed class DeliveryRecord
{
    public Guid Id { get; set; }
    public required string IdempotencyKey { get; set; }
    /// <summary>The FHIR base the delivery is written to.</summary>
    public required string Issuer { get; set; }
    /// <summary>Who asked (a fhirUser or an API client id); the idempotency key is unique per issuer and caller.</summary>
    public required string Caller { get; set; }
    public required string PatientId { get; set; }
    public required string MaterialId { get; set; }
    public required string Language { get; set; }
    public string? Note { get; set; }
    /// <summary>The coordinator's fhirUser, e.g. <c>Practitioner/123</c>.</summary>
    public required string Sender { get; set; }
    /// <summary>
    /// The sender's display name as their Practitioner resource gave it when they sent (column added in migration
    /// <c>SenderName</c>); null for older rows and when the EHR did not give one — the history then names the reference.
    /// </summary>
    public string? SenderName { get; set; }
    public DeliveryTokenKind TokenKind { get; set; }
    /// <summary>For <see cref="DeliveryTokenKind.UserSession"/>: the sender's token session id, protected.</summary>
    public string? ProtectedTokenSessionId { get; set; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    /// <summary>The EHR's OperationOutcome text (or our own description) of the last failed attempt.</summary>
    public string? LastError { get; set; }
    public string? EhrCommunicationId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public DateTimeOffset? FirstOpenedAt { get; set; }
}

/// <summary>The patient opened a delivered material (table <c>delivery_views</c>).</summary>
public sealed class DeliveryViewRecord
{
    public long Id { get; set; }
    public Guid DeliveryId { get; set; }
    public DateTimeOffset ViewedAt { get; set; }
}

/// <summary>One audited action (table <c>audit_events</c>): ids only, never names or clinical text.</summary>
public sealed class AuditRecord
{
    public long Id { get; set; }
    public DateTimeOffset Time { get; set; }
    /// <summary>The actor's fhirUser (or API client id); null when the EHR did not say who.</summary>
    public string? Actor { get; set; }
    public string? Issuer { get; set; }
    public string? PatientId { get; set; }
    /// <summary>What happened, e.g. <c>patient.read</c> or <c>delivery.send</c>.</summary>
    public required string Action { get; set; }
    /// <summary><c>success</c> or <c>failure</c>.</summary>
    public required string Outcome { get; set; }
    /// <summary>The delivery (or other entity) concerned, when there is one.</summary>
    public string? EntityId { get; set; }
}

/// <summary>
/// A CDS client JWT's <c>jti</c>, kept until the token expires so a replay is refused by every replica (table
/// <c>cds_jtis</c>). The key is a hash of issuer and jti, so the unique constraint itself rejects a second insert.
/// </summary>
public sealed class CdsJtiRecord
{
    /// <summary>SHA-256 (hex) of <c>issuer</c>, a newline and <c>jti</c>: a short fixed-size primary key.</summary>
    public required string KeyHash { get; set; }
    public required string Issuer { get; set; }
    public required string Jti { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>One CDS Hooks feedback item (table <c>cds_feedback</c>): the card, the outcome and the client; no patient data.</summary>
public sealed class CdsFeedbackEntry
{
    public long Id { get; set; }
    public required string ServiceId { get; set; }
    public required string Card { get; set; }
    public required string Outcome { get; set; }
    /// <summary>The accepted suggestion ids, as a JSON array of strings.</summary>
    public required string AcceptedSuggestions { get; set; }
    public string? OverrideReasonCode { get; set; }
    public string? OverrideReasonSystem { get; set; }
    public string? UserComment { get; set; }
    public DateTimeOffset OutcomeTimestamp { get; set; }
    public string? Issuer { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
