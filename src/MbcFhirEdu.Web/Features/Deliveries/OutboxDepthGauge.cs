using MbcFhirEdu.Data.Deliveries;
using MbcFhirEdu.Web.Infrastructure.Observability;
using MbcFhirEdu.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Features.Deliveries;

/// <summary>
/// Feeds the <c>mbcedu.outbox.depth</c> gauge from <see cref="DeliveryStore.CountOutstandingAsync"/> (Pending and Sending
/// rows: the whole shared outbox, so every replica reports the same figure). The gauge callback never waits on the
/// database: it returns the last count and, when that is older than <c>Deliveries:OutboxDepthCacheDuration</c>, starts
/// one background re-count (never two at once). Null until the first count has finished.
/// </summary>
internal sealed class OutboxDepthGauge(DeliveryStore store, IOptions<DeliveryOptions> options, TimeProvider time, ILogger<OutboxDepthGauge> logger)
    : IOutboxDepthProvider
{
    private long _depth = -1;
    private long _countedAtTicks; // 0: never counted
    private int _counting;

    public long? CurrentDepth
    {
        get
        {
            if (time.GetUtcNow().UtcTicks - Interlocked.Read(ref _countedAtTicks) >= options.Value.OutboxDepthCacheDuration.Ticks
                && Interlocked.CompareExchange(ref _counting, 1, 0) == 0)
            {
                _ = Task.Run(RefreshAsync);
            }
            var depth = Interlocked.Read(ref _depth);
            return depth < 0 ? null : depth;
        }
    }

    /// <summary>Counts now (the gauge calls this in the background; tests may call it directly).</summary>
    public async Task RefreshAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var count = await store.CountOutstandingAsync(timeout.Token);
            Interlocked.Exchange(ref _depth, count);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Keep the last figure; the next collection after the cache duration tries again.
            WebLog.OutboxError(logger, e.GetType().Name);
        }
        finally
        {
            Interlocked.Exchange(ref _countedAtTicks, time.GetUtcNow().UtcTicks);
            Interlocked.Exchange(ref _counting, 0);
        }
    }
}
