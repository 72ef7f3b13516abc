namespace MbcFhirEdu.Web.Features.Population;

/// <summary>
/// The SQLite lock: SQLite means one app instance (docs/deployment.md), so a lock inside this process is enough. It does
/// not reach another process on the same file (e.g. <c>mbcedu population run</c> started by hand); the run's own claims
/// in the database keep such a pair from processing the same file twice.
/// </summary>
internal sealed class InProcessRunLock : IPopulationRunLock
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IAsyncDisposable?> TryAcquireAsync(CancellationToken cancellationToken) =>
        await _gate.WaitAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false) ? new Held(_gate) : null;

    private sealed class Held(SemaphoreSlim gate) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
            return ValueTask.CompletedTask;
        }
    }
}
