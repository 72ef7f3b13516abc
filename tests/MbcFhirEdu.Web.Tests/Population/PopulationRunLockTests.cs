using MbcFhirEdu.Data;
using MbcFhirEdu.Tests.Shared;
using MbcFhirEdu.Web.Features.Population;
using Npgsql;

namespace MbcFhirEdu.Web.Tests.Population;

/// <summary>
/// The scheduled run's lock: on PostgreSQL (a private server, <see cref="PostgresCluster"/>) the advisory lock lets one
/// holder in at a time across connections, is given back on release, and is freed when the holder's session dies; on
/// SQLite the in-process lock does the same within one process.
/// </summary>
public sealed class PopulationRunLockTests
{
    private static async Task<(PostgresCluster Cluster, string Connection)> DatabaseAsync()
    {
        var cluster = await PostgresCluster.SharedAsync();
        return (cluster, await cluster.CreateDatabaseAsync("mbcedu_lock"));
    }

    private static PostgresRunLock Lock(string connection) =>
        new(new DataServiceCollectionExtensions.DatabaseSettings(new DatabaseOptions { Provider = DatabaseProvider.PostgreSQL }, connection));

    [Fact]
    public async Task The_PostgreSQL_lock_has_one_holder_at_a_time_and_passes_on_when_released()
    {
        var (cluster, connection) = await DatabaseAsync();
        try
        {
            // Two instances stand for two replicas: they share nothing but the database.
            var first = await Lock(connection).TryAcquireAsync(CancellationToken.None);
            Assert.NotNull(first);
            Assert.Null(await Lock(connection).TryAcquireAsync(CancellationToken.None));

            await first.DisposeAsync();

            await using var second = await Lock(connection).TryAcquireAsync(CancellationToken.None);
            Assert.NotNull(second);
        }
        finally
        {
            await cluster.DropDatabaseAsync(connection);
        }
    }

    [Fact]
    public async Task A_holder_whose_session_dies_frees_the_PostgreSQL_lock()
    {
        var (cluster, connection) = await DatabaseAsync();
        try
        {
            var held = await Lock(connection).TryAcquireAsync(CancellationToken.None);
            Assert.NotNull(held);

            // What a killed pod looks like to the server: its backend goes away without unlocking.
            await using (var admin = new NpgsqlConnection(cluster.AdminConnectionString))
            {
                await admin.OpenAsync();
                await using var kill = new NpgsqlCommand(
                    "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = @low AND classid = @high", admin);
                kill.Parameters.AddWithValue("low", (long)(uint)(PostgresRunLock.Key & 0xFFFFFFFF));
                kill.Parameters.AddWithValue("high", (long)(uint)(PostgresRunLock.Key >> 32));
                Assert.Equal(true, await kill.ExecuteScalarAsync());
            }

            await using var next = await Lock(connection).TryAcquireAsync(CancellationToken.None);
            Assert.NotNull(next);
            await held.DisposeAsync(); // the broken holder's release is harmless
        }
        finally
        {
            await cluster.DropDatabaseAsync(connection);
        }
    }

    [Fact]
    public async Task The_in_process_lock_has_one_holder_at_a_time()
    {
        var runLock = new InProcessRunLock();

        var first = await runLock.TryAcquireAsync(CancellationToken.None);
        Assert.NotNull(first);
        Assert.Null(await runLock.TryAcquireAsync(CancellationToken.None));
        await first.DisposeAsync();
        await first.DisposeAsync(); // twice releases once

        await using var second = await runLock.TryAcquireAsync(CancellationToken.None);
        Assert.NotNull(second);
        Assert.Null(await runLock.TryAcquireAsync(CancellationToken.None));
    }
}
