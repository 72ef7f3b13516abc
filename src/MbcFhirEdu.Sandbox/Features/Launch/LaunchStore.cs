using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Sandbox.Features.Launch;

/// <summary>Launch ids the sandbox issued; an authorize request with <c>launch</c> must name one of them.</summary>
internal sealed class LaunchStore(TimeProvider time, IOptions<SandboxOptions> options)
{
    private readonly ExpiringStore<LaunchContext> _launches = new(time);

    public TimeSpan Lifetime => TimeSpan.FromSeconds(options.Value.LaunchLifetimeSeconds);

    public string? Create(LaunchContext context)
    {
        var id = RandomTokens.New();
        return _launches.TryAdd(RandomTokens.Hash(id), context, time.GetUtcNow() + Lifetime) ? id : null;
    }

    public LaunchContext? Find(string launchId) =>
        _launches.TryGet(RandomTokens.Hash(launchId), out var context) ? context : null;
}
