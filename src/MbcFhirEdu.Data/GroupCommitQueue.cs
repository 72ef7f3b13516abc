using System.Collections.Concurrent;

namespace MbcFhirEdu.Data;

/// <summary>
/// Group commit: callers submit an item and wait for its result; one writer at a time takes everything queued (at most
/// <paramref name="maxBatch"/> items) and writes it in one database round trip, then completes each caller with its
/// own result. Concurrent requests therefore share one write instead of queueing for the database one by one, and a
/// caller's task completes only once its item is written (nothing is acknowledged before it is durable). A failed batch
/// fails every caller in it with the writer's exception.
/// </summary>
/// <param name="writeBatch">Writes a batch and returns one result per item, in order.</param>
internal sealed class GroupCommitQueue<TItem, TResult>(Func<IReadOnlyList<TItem>, Task<TResult[]>> writeBatch, int maxBatch)
{
    private readonly ConcurrentQueue<(TItem Item, TaskCompletionSource<TResult> Done)> _queue = new();
    private int _writing;

    /// <summary>Queues the item; completes with its result once its batch is written. Cancelling the wait does not withdraw it.</summary>
    public Task<TResult> SubmitAsync(TItem item, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Enqueue((item, done));
        if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0) _ = Task.Run(DrainAsync, CancellationToken.None);
        return done.Task.WaitAsync(cancellationToken);
    }

    // The only writer while _writing is 1. It looks at the queue again after clearing the flag, so an item queued
    // between its last batch and the reset is never left behind.
    private async Task DrainAsync()
    {
        do
        {
            while (!_queue.IsEmpty)
            {
                var batch = new List<(TItem Item, TaskCompletionSource<TResult> Done)>(Math.Min(maxBatch, _queue.Count));
                while (batch.Count < maxBatch && _queue.TryDequeue(out var queued)) batch.Add(queued);
                try
                {
                    var results = await writeBatch([.. batch.Select(b => b.Item)]).ConfigureAwait(false);
                    for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
                }
                catch (Exception e)
                {
                    foreach (var (_, done) in batch) done.TrySetException(e);
                }
            }
            Volatile.Write(ref _writing, 0);
        }
        while (!_queue.IsEmpty && Interlocked.CompareExchange(ref _writing, 1, 0) == 0);
    }
}
