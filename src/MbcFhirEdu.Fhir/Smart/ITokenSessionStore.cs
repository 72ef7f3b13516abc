namespace MbcFhirEdu.Fhir.Smart;

/// <summary>
/// Server-side token sessions keyed by an opaque random id (the only thing the browser's cookie carries).
/// In-memory now; a database implementation shares sessions across replicas.
/// </summary>
public interface ITokenSessionStore
{
    Task SaveAsync(string sessionId, SmartSession session, CancellationToken cancellationToken);

    /// <summary>The session, or null when unknown or past its <see cref="SmartSession.ExpiresAt"/>.</summary>
    Task<SmartSession?> GetAsync(string sessionId, CancellationToken cancellationToken);

    Task RemoveAsync(string sessionId, CancellationToken cancellationToken);
}
