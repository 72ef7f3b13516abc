namespace MbcFhirEdu.Web.Features.Population;

/// <summary>
/// Lets one process at a time run the scheduled population run. On PostgreSQL every replica of the app shares the lock
/// (<see cref="PostgresRunLock"/>); on SQLite the app is a single instance and the lock is this process's own
/// (<see cref="InProcessRunLock"/>).
/// </summary>
public interface IPopulationRunLock
{
    /// <summary>The held lock (dispose to release it), or null when another holder has it. Never waits for a holder.</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(CancellationToken cancellationToken);
}
