using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MbcFhirEdu.Data;

/// <summary>
/// Sets <c>PRAGMA synchronous = NORMAL</c> on every SQLite connection EF Core opens. The database runs in WAL mode
/// (<see cref="DatabaseMigrator"/>), where NORMAL is SQLite's recommended setting: a commit appends to the WAL without
/// an fsync (the WAL is synced at checkpoints), the database cannot be corrupted, and a committed transaction survives
/// the process being killed; only an operating-system crash or power loss can roll back the last commits. With FULL
/// (the default) every commit waited for an fsync (about 3 ms here, far more under I/O load), and since SQLite has one
/// writer, each CDS call's jti insert queued behind the others' fsyncs (docs/performance.md).
/// </summary>
internal sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSetup Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = NORMAL;";
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = NORMAL;";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
