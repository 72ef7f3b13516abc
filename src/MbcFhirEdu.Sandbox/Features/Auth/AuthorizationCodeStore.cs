using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Sandbox.Features.Auth;

/// <summary>Authorization codes: short-lived and single use (RFC 6749 §4.1.2). A second redemption is reported
/// so the caller can revoke what the first one issued.</summary>
internal sealed class AuthorizationCodeStore(TimeProvider time, IOptions<SandboxOptions> options)
{
    private static readonly TimeSpan ReuseMemory = TimeSpan.FromMinutes(10);
    private readonly ExpiringStore<PendingCode> _codes = new(time);

    public string? Issue(AuthorizationGrant grant, string redirectUri, string codeChallenge)
    {
        var code = RandomTokens.New();
        var now = time.GetUtcNow();
        var pending = new PendingCode(grant, redirectUri, codeChallenge, now.AddSeconds(options.Value.AuthorizationCodeLifetimeSeconds));
        return _codes.TryAdd(RandomTokens.Hash(code), pending, pending.ExpiresAt + ReuseMemory) ? code : null;
    }

    public CodeRedemption Redeem(string code)
    {
        if (!_codes.TryGet(RandomTokens.Hash(code), out var pending)) return new CodeRedemption(CodeStatus.Unknown, null);
        if (!pending.TryRedeem()) return new CodeRedemption(CodeStatus.Reused, pending);
        return pending.ExpiresAt <= time.GetUtcNow()
            ? new CodeRedemption(CodeStatus.Expired, pending)
            : new CodeRedemption(CodeStatus.Valid, pending);
    }
}

internal enum CodeStatus { Valid, Unknown, Expired, Reused }

internal sealed record CodeRedemption(CodeStatus Status, PendingCode? Code);

internal sealed class PendingCode(AuthorizationGrant grant, string redirectUri, string codeChallenge, DateTimeOffset expiresAt)
{
    private int _redeemed;

    public AuthorizationGrant Grant { get; } = grant;
    public string RedirectUri { get; } = redirectUri;
    public string CodeChallenge { get; } = codeChallenge;
    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public bool TryRedeem() => Interlocked.Exchange(ref _redeemed, 1) == 0;
}
