using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Sandbox.Features.Entra;

/// <summary>One-time authorization codes (kept as hashes), expiring after <c>Sandbox:Entra:AuthorizationCodeLifetimeSeconds</c>.</summary>
internal sealed class EntraCodeStore(TimeProvider time, IOptions<SandboxEntraOptions> options)
{
    private readonly ExpiringStore<EntraCodeGrant> _codes = new(time, 10_000);

    public string? Issue(EntraCodeGrant grant)
    {
        var code = RandomTokens.New();
        var expires = time.GetUtcNow().AddSeconds(options.Value.AuthorizationCodeLifetimeSeconds);
        return _codes.TryAdd(RandomTokens.Hash(code), grant, expires) ? code : null;
    }

    /// <summary>The grant, removed so a second redemption fails.</summary>
    public EntraCodeGrant? Redeem(string? code) =>
        !string.IsNullOrEmpty(code) && _codes.TryRemove(RandomTokens.Hash(code), out var grant) ? grant : null;
}
