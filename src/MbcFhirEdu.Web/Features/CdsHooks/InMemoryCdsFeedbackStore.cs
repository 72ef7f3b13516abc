using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Features.CdsHooks;

/// <summary><see cref="ICdsFeedbackStore"/> in process memory, bounded by <c>CdsHooks:FeedbackStoreCapacity</c> (oldest dropped first).</summary>
internal sealed class InMemoryCdsFeedbackStore(IOptions<CdsHooksOptions> options) : ICdsFeedbackStore
{
    private readonly Queue<CdsFeedbackRecord> _items = new();
    private readonly Lock _gate = new();

    public Task AddAsync(CdsFeedbackRecord feedback, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _items.Enqueue(feedback);
            while (_items.Count > options.Value.FeedbackStoreCapacity) _items.Dequeue();
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<CdsFeedbackRecord>> RecentAsync(int count, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<CdsFeedbackRecord>>([.. _items.Skip(Math.Max(0, _items.Count - count))]);
    }
}
