using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Data.Population;
using MbcFhirEdu.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace MbcFhirEdu.Data.Tests.Population;

/// <summary>Claims on a run's files: one holder per file, expiry, own share first; SQLite and PostgreSQL.</summary>
public abstract class WorkClaimsTests(TestDatabase database)
{
    protected TestDatabase Database => database;

    protected async Task<Guid> RunWithFilesAsync(int files)
    {
        await using var db = await database.CreateFactory().CreateDbContextAsync();
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        db.PopulationRuns.Add(new PopulationRunRecord
        {
            Id = id, RequestKey = Guid.NewGuid().ToString("N"), FhirBase = "http://localhost/fhir/", State = PopulationRunState.Staging, CreatedAt = now, UpdatedAt = now,
        });
        for (var i = 0; i < files; i++)
            db.PopulationRunFiles.Add(new PopulationRunFileRecord { RunId = id, Ordinal = i, ResourceType = "Patient", Url = $"http://localhost/f{i}.ndjson" });
        await db.SaveChangesAsync();
        return id;
    }

    [Fact]
    public async Task Concurrent_claimers_never_hold_the_same_file_and_together_claim_every_file()
    {
        var run = await RunWithFilesAsync(24);
        var claimed = new System.Collections.Concurrent.ConcurrentBag<int>();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            var claims = new WorkClaims(database.CreateFactory(), TimeProvider.System);
            while (await claims.ClaimFileAsync(run, $"w{worker}", TimeSpan.FromMinutes(5), worker, 4, CancellationToken.None) is { } file)
                claimed.Add(file.Ordinal);
        })));

        Assert.Equal(Enumerable.Range(0, 24), claimed.Order());
    }

    [Fact]
    public async Task A_worker_takes_its_own_share_first_then_the_rest()
    {
        var run = await RunWithFilesAsync(4);
        var claims = new WorkClaims(database.CreateFactory(), TimeProvider.System);

        var order = new List<int>();
        while (await claims.ClaimFileAsync(run, "w1", TimeSpan.FromMinutes(5), 1, 2, CancellationToken.None) is { } file) order.Add(file.Ordinal);

        Assert.Equal([1, 3, 0, 2], order);
    }

    [Fact]
    public async Task A_claim_that_expired_is_claimed_again_and_the_old_holder_cannot_finish_it()
    {
        var run = await RunWithFilesAsync(1);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var claims = new WorkClaims(database.CreateFactory(), clock);
        var first = await claims.ClaimFileAsync(run, "dead", TimeSpan.FromMinutes(1), 0, 1, CancellationToken.None);
        Assert.Null(await claims.ClaimFileAsync(run, "other", TimeSpan.FromMinutes(1), 0, 1, CancellationToken.None));

        clock.Advance(TimeSpan.FromMinutes(2));
        var again = await claims.ClaimFileAsync(run, "other", TimeSpan.FromMinutes(1), 0, 1, CancellationToken.None);

        Assert.Equal(first!.Id, again!.Id);
        Assert.Equal(2, again.Attempts);
        Assert.False(await claims.FinishFileAsync(first, "dead", 1, null, CancellationToken.None));
        Assert.False(await claims.RenewFileAsync(first.Id, "dead", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.True(await claims.FinishFileAsync(again, "other", 1, null, CancellationToken.None));
    }
}

public sealed class SqliteWorkClaimsTests(SqliteTestDatabase database) : WorkClaimsTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresWorkClaimsTests(PostgresTestDatabase database) : WorkClaimsTests(database), IClassFixture<PostgresTestDatabase>
{
    [Fact]
    public async Task A_file_another_transaction_has_locked_is_skipped_not_waited_for()
    {
        var run = await RunWithFilesAsync(2);
        await using var holder = await Database.CreateFactory().CreateDbContextAsync();
        await using var transaction = await holder.Database.BeginTransactionAsync();
        // Another claimer mid-statement: file 0's row is locked until its transaction ends.
        await holder.Database.ExecuteSqlRawAsync("SELECT id FROM population_run_files WHERE run_id = {0} AND ordinal = 0 FOR UPDATE", run);

        var claims = new WorkClaims(Database.CreateFactory(), TimeProvider.System);
        var claim = claims.ClaimFileAsync(run, "w", TimeSpan.FromMinutes(1), 0, 1, CancellationToken.None);
        var finished = await Task.WhenAny(claim, Task.Delay(TimeSpan.FromSeconds(20)));

        Assert.Same(claim, finished); // a plain FOR UPDATE would block here until the holder commits
        Assert.Equal(1, (await claim)!.Ordinal);
        await transaction.RollbackAsync();
    }
}
