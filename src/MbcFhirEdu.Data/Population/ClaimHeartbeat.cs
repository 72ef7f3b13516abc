namespace MbcFhirEdu.Data.Population;

/// <summary>
/// Renews a claim while its work goes on (every third of the claim's duration). When a renewal finds the claim lost —
/// it expired and another worker took the unit — <see cref="Token"/> is cancelled so this worker stops that unit.
/// </summary>
internal sealed class ClaimHeartbeat : IAsyncDisposable
{
    private readonly CancellationTokenSource _lost;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ClaimHeartbeat(Func<CancellationToken, Task<bool>> renew, TimeSpan claimDuration, TimeProvider time, CancellationToken cancellationToken)
    {
        _lost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _loop = RunAsync(renew, claimDuration / 3, time);
    }

    /// <summary>Cancelled when the caller cancels or the claim is lost.</summary>
    public CancellationToken Token => _lost.Token;

    private async Task RunAsync(Func<CancellationToken, Task<bool>> renew, TimeSpan every, TimeProvider time)
    {
        using var timer = new PeriodicTimer(every, time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                bool held;
                try { held = await renew(_stop.Token).ConfigureAwait(false); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    continue; // the database briefly away: tried again on the next tick (the claim lasts three ticks)
                }
                if (held) continue;
                await _lost.CancelAsync().ConfigureAwait(false);
                return;
            }
        }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        _lost.Dispose();
    }
}
