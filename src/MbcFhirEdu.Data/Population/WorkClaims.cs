using MbcFhirEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MbcFhirEdu.Data.Population;

/// <summary>
/// Claims on a run's files and patient partitions. One statement selects and updates, so two workers never hold the
/// same unit: PostgreSQL skips rows another worker is claiming (<c>FOR UPDATE SKIP LOCKED</c>); SQLite has one writer,
/// so its statement runs alone. A claim expires (<see cref="PopulationOptions.ClaimDuration"/>, renewed while the work
/// goes on): a killed worker's unit is claimed again. A worker takes units of its own share first
/// (<c>ordinal mod count = index</c>), then any other one that is free, so a dead worker's share still gets done.
/// </summary>
internal sealed class WorkClaims(IDbContextFactory<MbcEduDbContext> factory, TimeProvider time)
{
    public const int MaxAttempts = 3;

    public async Task<PopulationRunFileRecord?> ClaimFileAsync(Guid runId, string owner, TimeSpan duration, int index, int count, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var (now, until, skipLocked, at) = Parameters(db, duration);
        var free = $$"""
            SELECT id FROM population_run_files
             WHERE run_id = {2}
               AND (state = {{(int)PopulationWorkState.Pending}} OR (state = {{(int)PopulationWorkState.Claimed}} AND claim_until < {3}))
             ORDER BY CASE WHEN ordinal % {4} = {5} THEN 0 ELSE 1 END, ordinal
             LIMIT 1{{skipLocked}}
            """;
        var sql = db.Database.IsNpgsql()
            ? $$"""
                WITH next AS ({{free}})
                UPDATE population_run_files AS f
                   SET state = {{(int)PopulationWorkState.Claimed}}, claim_owner = {0}, claim_until = {1}, attempts = f.attempts + 1
                  FROM next WHERE f.id = next.id
                RETURNING f.*
                """
            : $$"""
                UPDATE population_run_files
                   SET state = {{(int)PopulationWorkState.Claimed}}, claim_owner = {0}, claim_until = {1}, attempts = attempts + 1
                 WHERE id IN ({{free}})
                RETURNING *
                """;
        var rows = await db.PopulationRunFiles.FromSqlRaw(sql, owner, at(until), runId, at(now), count, index)
            .AsNoTracking().AsAsyncEnumerable().ToListAsync(ct).ConfigureAwait(false);
        return rows.SingleOrDefault();
    }

    public async Task<PopulationRunPartitionRecord?> ClaimPartitionAsync(Guid runId, string owner, TimeSpan duration, int index, int count, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var (now, until, skipLocked, at) = Parameters(db, duration);
        var free = $$"""
            SELECT run_id, "partition" FROM population_run_partitions
             WHERE run_id = {2}
               AND (state = {{(int)PopulationWorkState.Pending}} OR (state = {{(int)PopulationWorkState.Claimed}} AND claim_until < {3}))
             ORDER BY CASE WHEN "partition" % {4} = {5} THEN 0 ELSE 1 END, "partition"
             LIMIT 1{{skipLocked}}
            """;
        // PostgreSQL: the locked row is picked once in a CTE and joined (a key-pair IN-subquery may be planned to run again
        // per row). SQLite (3.35+, one writer): the same pick as a row-value IN, whose RETURNING names only the updated table.
        var sql = db.Database.IsNpgsql()
            ? $$"""
                WITH next AS ({{free}})
                UPDATE population_run_partitions AS p
                   SET state = {{(int)PopulationWorkState.Claimed}}, claim_owner = {0}, claim_until = {1}, attempts = p.attempts + 1
                  FROM next WHERE p.run_id = next.run_id AND p."partition" = next."partition"
                RETURNING p.*
                """
            : $$"""
                UPDATE population_run_partitions
                   SET state = {{(int)PopulationWorkState.Claimed}}, claim_owner = {0}, claim_until = {1}, attempts = attempts + 1
                 WHERE (run_id, "partition") IN ({{free}})
                RETURNING *
                """;
        var rows = await db.PopulationRunPartitions.FromSqlRaw(sql, owner, at(until), runId, at(now), count, index)
            .AsNoTracking().AsAsyncEnumerable().ToListAsync(ct).ConfigureAwait(false);
        return rows.SingleOrDefault();
    }

    /// <summary>Extends this worker's claim; false when the claim was lost (it expired and another worker took the unit).</summary>
    public async Task<bool> RenewFileAsync(long id, string owner, TimeSpan duration, CancellationToken ct)
    {
        var until = time.GetUtcNow().ToUniversalTime() + duration;
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await db.PopulationRunFiles.Where(f => f.Id == id && f.ClaimOwner == owner && f.State == PopulationWorkState.Claimed)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.ClaimUntil, until), ct).ConfigureAwait(false) == 1;
    }

    public async Task<bool> RenewPartitionAsync(Guid runId, int partition, string owner, TimeSpan duration, CancellationToken ct)
    {
        var until = time.GetUtcNow().ToUniversalTime() + duration;
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await db.PopulationRunPartitions.Where(p => p.RunId == runId && p.Partition == partition && p.ClaimOwner == owner && p.State == PopulationWorkState.Claimed)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.ClaimUntil, until), ct).ConfigureAwait(false) == 1;
    }

    /// <summary>The file is staged (or, with <paramref name="error"/>, failed: back to pending until <see cref="MaxAttempts"/>).</summary>
    public async Task<bool> FinishFileAsync(PopulationRunFileRecord file, string owner, int resources, string? error, CancellationToken ct)
    {
        var state = error is null ? PopulationWorkState.Done : file.Attempts >= MaxAttempts ? PopulationWorkState.Failed : PopulationWorkState.Pending;
        var text = error is null ? null : RunStore.Truncate(error, MbcEduDbContext.MaxErrorLength);
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await db.PopulationRunFiles.Where(f => f.Id == file.Id && f.ClaimOwner == owner && f.State == PopulationWorkState.Claimed)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.State, state).SetProperty(f => f.Resources, resources).SetProperty(f => f.Error, text)
                .SetProperty(f => f.ClaimOwner, (string?)null).SetProperty(f => f.ClaimUntil, (DateTimeOffset?)null), ct).ConfigureAwait(false) == 1;
    }

    public async Task<bool> FinishPartitionAsync(PopulationRunPartitionRecord partition, string owner, int patients, int entries, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await db.PopulationRunPartitions
            .Where(p => p.RunId == partition.RunId && p.Partition == partition.Partition && p.ClaimOwner == owner && p.State == PopulationWorkState.Claimed)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, PopulationWorkState.Done).SetProperty(p => p.Patients, patients).SetProperty(p => p.Entries, entries)
                .SetProperty(p => p.ClaimOwner, (string?)null).SetProperty(p => p.ClaimUntil, (DateTimeOffset?)null), ct).ConfigureAwait(false) == 1;
    }

    /// <summary>Gives a file back unfinished (the worker was stopped), for this or another worker to read again.</summary>
    public async Task ReleaseFileAsync(long id, string owner, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        await db.PopulationRunFiles.Where(f => f.Id == id && f.ClaimOwner == owner && f.State == PopulationWorkState.Claimed)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.State, PopulationWorkState.Pending).SetProperty(f => f.Attempts, f => f.Attempts - 1)
                .SetProperty(f => f.ClaimOwner, (string?)null).SetProperty(f => f.ClaimUntil, (DateTimeOffset?)null), ct).ConfigureAwait(false);
    }

    /// <summary>Gives a partition back after an error, for this or another worker to try again.</summary>
    public async Task ReleasePartitionAsync(PopulationRunPartitionRecord partition, string owner, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        await db.PopulationRunPartitions
            .Where(p => p.RunId == partition.RunId && p.Partition == partition.Partition && p.ClaimOwner == owner && p.State == PopulationWorkState.Claimed)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, PopulationWorkState.Pending)
                .SetProperty(p => p.ClaimOwner, (string?)null).SetProperty(p => p.ClaimUntil, (DateTimeOffset?)null), ct).ConfigureAwait(false);
    }

    /// <summary>How the run's files stand: (not yet done, failed). Done means every file is Done or Failed.</summary>
    public async Task<(int Open, int Failed)> FileProgressAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var states = await db.PopulationRunFiles.Where(f => f.RunId == runId).GroupBy(f => f.State)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct).ConfigureAwait(false);
        return (states.Where(s => s.Key is PopulationWorkState.Pending or PopulationWorkState.Claimed).Sum(s => s.Count),
            states.Where(s => s.Key == PopulationWorkState.Failed).Sum(s => s.Count));
    }

    public async Task<int> OpenPartitionsAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await db.PopulationRunPartitions.CountAsync(p => p.RunId == runId && p.State != PopulationWorkState.Done, ct).ConfigureAwait(false);
    }

    public async Task<int> PartitionCountAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await db.PopulationRunPartitions.CountAsync(p => p.RunId == runId, ct).ConfigureAwait(false);
    }

    // SQLite keeps times as Unix milliseconds (see SqliteMbcEduDbContext); raw SQL must compare in the same unit.
    private (DateTimeOffset Now, DateTimeOffset Until, string SkipLocked, Func<DateTimeOffset, object> At) Parameters(MbcEduDbContext db, TimeSpan duration)
    {
        var now = time.GetUtcNow().ToUniversalTime();
        var postgres = db.Database.IsNpgsql();
        return (now, now + duration, postgres ? " FOR UPDATE SKIP LOCKED" : "", postgres ? t => t : t => t.ToUnixTimeMilliseconds());
    }
}
