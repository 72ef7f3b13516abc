using MbcFhirEdu.Data;
using Npgsql;

namespace MbcFhirEdu.Web.Features.Population;

/// <summary>
/// The PostgreSQL lock shared by every replica: a session-level advisory lock (<c>pg_try_advisory_lock</c>) taken on a
/// dedicated, unpooled connection that stays open for the whole run. Releasing closes the connection (after an explicit
/// <c>pg_advisory_unlock</c>); a replica that dies loses its session, and with it the lock, when PostgreSQL notices the
/// connection is gone (at once on a reset, else through TCP keepalives).
/// </summary>
internal sealed class PostgresRunLock(DataServiceCollectionExtensions.DatabaseSettings settings) : IPopulationRunLock
{
    /// <summary>The advisory lock key ("mbcedu" and issue 18); nothing else in the app takes advisory locks.</summary>
    public const long Key = 0x6D62_6365_6475_0018;

    public async Task<IAsyncDisposable?> TryAcquireAsync(CancellationToken cancellationToken)
    {
        // Unpooled: the session, and so the lock, must end when this connection is closed, never live on in a pool.
        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Pooling = false, KeepAlive = 30, CommandTimeout = 30 };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true) return new Held(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        await connection.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    private sealed class Held(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                // Not the run's token: a cancelled run must still give the lock back. The command timeout bounds it.
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                command.Parameters.AddWithValue("key", Key);
                await command.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                // The connection is broken: closing it below ends the session, which releases the lock anyway.
            }
            finally
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
