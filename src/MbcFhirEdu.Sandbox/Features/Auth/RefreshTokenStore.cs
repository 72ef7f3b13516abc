using MbcFhirEdu.Sandbox.Infrastructure;

namespace MbcFhirEdu.Sandbox.Features.Auth;

/// <summary>Rotating refresh tokens: each use returns a new token and retires the old one; presenting a retired
/// token revokes the whole family (OAuth 2.0 Security BCP §4.14.2).</summary>
internal sealed class RefreshTokenStore(TimeProvider time)
{
    private readonly ExpiringStore<RefreshEntry> _active = new(time);
    private readonly ExpiringStore<string> _retired = new(time);
    private readonly ExpiringStore<bool> _revokedFamilies = new(time);

    public string? Issue(AuthorizationGrant grant, DateTimeOffset familyExpiresAt)
    {
        var token = RandomTokens.New();
        return _active.TryAdd(RandomTokens.Hash(token), new RefreshEntry(grant, familyExpiresAt), familyExpiresAt) ? token : null;
    }

    public RefreshRedemption Redeem(string token)
    {
        var hash = RandomTokens.Hash(token);
        if (_active.TryRemove(hash, out var entry))
        {
            if (_revokedFamilies.TryGet(entry.Grant.FamilyId, out _)) return new RefreshRedemption(RefreshStatus.Unknown, null);
            _retired.TryAdd(hash, entry.Grant.FamilyId, entry.FamilyExpiresAt);
            return new RefreshRedemption(RefreshStatus.Valid, entry);
        }
        if (_retired.TryGet(hash, out var familyId))
        {
            RevokeFamily(familyId, time.GetUtcNow().AddDays(90));
            return new RefreshRedemption(RefreshStatus.Reused, null);
        }
        return new RefreshRedemption(RefreshStatus.Unknown, null);
    }

    public void RevokeFamily(string familyId, DateTimeOffset until) => _revokedFamilies.TryAdd(familyId, true, until);
}

internal sealed record RefreshEntry(AuthorizationGrant Grant, DateTimeOffset FamilyExpiresAt);

internal enum RefreshStatus { Valid, Unknown, Reused }

internal sealed record RefreshRedemption(RefreshStatus Status, RefreshEntry? Entry);
