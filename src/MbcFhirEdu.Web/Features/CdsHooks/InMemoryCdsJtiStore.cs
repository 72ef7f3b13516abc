using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Features.CdsHooks;

/// <summary>
/// <see cref="ICdsJtiStore"/> in process memory, bounded by <c>CdsHooks:ReplayStoreCapacity</c>: expired entries are
/// swept when it fills; if it is still full, new tokens are refused (fail closed) rather than forgetting live ones.
/// </summary>
internal sealed class InMemoryCdsJtiStore(IOptions<CdsHooksOptions> options, TimeProvider timeProvider) : ICdsJtiStore
{
    private readonly ConcurrentDictionary<(string Issuer, string Jti), DateTimeOffset> _seen = new();
    private readonly Lock _sweep = new();

    public Task<bool> TryRecordAsync(string issuer, string jti, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        if (_seen.Count >= options.Value.ReplayStoreCapacity) Sweep();
        if (_seen.Count >= options.Value.ReplayStoreCapacity) return Task.FromResult(false);
        return Task.FromResult(_seen.TryAdd((issuer, jti), expiresAt));
    }

    private void Sweep()
    {
        lock (_sweep)
        {
            var now = timeProvider.GetUtcNow();
            foreach (var entry in _seen)
            {
                // Kept a little past expiry: a token inside the clock skew is still acceptable.
                if (entry.Value + options.Value.ClockSkew < now) _seen.TryRemove(entry.Key, out _);
            }
        }
    }
}
