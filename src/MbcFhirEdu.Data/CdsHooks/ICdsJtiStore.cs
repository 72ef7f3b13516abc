namespace MbcFhirEdu.Data.CdsHooks;

/// <summary>
/// Remembers the <c>jti</c> of every accepted CDS client JWT until it expires, so a captured token cannot be replayed
/// (CDS Hooks 2.0 §"Trusting CDS Clients"). Kept in the database (<c>DbCdsJtiStore</c>), so every replica refuses a jti any replica accepted.
/// </summary>
public interface ICdsJtiStore
{
    /// <summary>True when (<paramref name="issuer"/>, <paramref name="jti"/>) was not seen before and is now recorded.</summary>
    Task<bool> TryRecordAsync(string issuer, string jti, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
