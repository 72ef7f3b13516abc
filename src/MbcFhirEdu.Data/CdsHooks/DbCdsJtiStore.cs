using System.Security.Cryptography;
using System.Text;
using MbcFhirEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MbcFhirEdu.Data.CdsHooks;

/// <summary>
/// <see cref="ICdsJtiStore"/> in the database (table <c>cds_jtis</c>), shared by every replica. Recording is an
/// <c>INSERT ... ON CONFLICT (key_hash) DO NOTHING RETURNING key_hash</c> whose primary key is a hash of issuer and jti:
/// of two inserts of the same jti, in any processes, the database's unique key lets exactly one through - no
/// check-then-insert race. Concurrent calls share one statement (group commit, <see cref="GroupCommitQueue{TItem,TResult}"/>):
/// each caller waits for its batch and learns whether its own row went in, so a jti is accepted only once it is in the
/// database, and a jti twice in one batch is accepted once. (One EF Core SaveChanges per call was about 150 us of CPU
/// per CDS call and one SQLite write each; docs/performance.md, CDS session 10.) Expired rows (past expiry plus the
/// clock skew) are deleted in bounded batches, at most once per <see cref="SweepInterval"/> per process; the sweep
/// also counts the rows left, and while that count is at <c>CdsHooks:ReplayStoreCapacity</c> new tokens are refused
/// (fail closed) rather than growing the table without bound.
/// </summary>
internal sealed class DbCdsJtiStore : ICdsJtiStore
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);
    /// <summary>Rows deleted per statement; a sweep runs at most <see cref="MaxBatchesPerSweep"/> of them.</summary>
    public const int PurgeBatchSize = 1000;
    public const int MaxBatchesPerSweep = 20;
    /// <summary>Rows inserted in one statement at most (5 parameters each, far under either database's limit).</summary>
    public const int MaxInsertBatch = 256;

    private static readonly string[] Columns =
        [nameof(CdsJtiRecord.KeyHash), nameof(CdsJtiRecord.Issuer), nameof(CdsJtiRecord.Jti), nameof(CdsJtiRecord.ExpiresAt), nameof(CdsJtiRecord.RecordedAt)];

    private readonly IDbContextFactory<MbcEduDbContext> _factory;
    private readonly CdsStoreLimits _limits;
    private readonly TimeProvider _time;
    private readonly GroupCommitQueue<CdsJtiRecord, bool> _inserts;
    private long _nextSweepTicks;
    private volatile bool _full;

    public DbCdsJtiStore(IDbContextFactory<MbcEduDbContext> factory, CdsStoreLimits limits, TimeProvider time)
    {
        _factory = factory;
        _limits = limits;
        _time = time;
        _inserts = new GroupCommitQueue<CdsJtiRecord, bool>(InsertAsync, MaxInsertBatch);
    }

    public async Task<bool> TryRecordAsync(string issuer, string jti, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        if (issuer.Length is 0 or > MbcEduDbContext.MaxIssuerLength || jti.Length is 0 or > MbcEduDbContext.MaxJtiLength) return false;
        var now = _time.GetUtcNow();
        if (now.UtcTicks >= Interlocked.Read(ref _nextSweepTicks))
        {
            Interlocked.Exchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks);
            await SweepAsync(cancellationToken);
        }
        if (_full) return false;

        return await _inserts.SubmitAsync(new CdsJtiRecord
        {
            KeyHash = KeyHash(issuer, jti),
            Issuer = issuer,
            Jti = jti,
            ExpiresAt = expiresAt.ToUniversalTime(),
            RecordedAt = now.ToUniversalTime(),
        }, cancellationToken);
    }

    /// <summary>One statement for the batch; true for each row the database took (false: seen before, by any replica, or earlier in this batch).</summary>
    private async Task<bool[]> InsertAsync(IReadOnlyList<CdsJtiRecord> rows)
    {
        var first = new Dictionary<string, int>(rows.Count, StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++) first.TryAdd(rows[i].KeyHash, i);

        await using var db = await _factory.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
        var unique = first.Values.Select(i => rows[i]).ToList();
        var inserted = (await BatchInsert.ExecuteAsync(db, unique, Columns, j => [j.KeyHash, j.Issuer, j.Jti, j.ExpiresAt, j.RecordedAt],
            "ON CONFLICT (key_hash) DO NOTHING RETURNING key_hash").ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        var results = new bool[rows.Count];
        for (var i = 0; i < rows.Count; i++) results[i] = first[rows[i].KeyHash] == i && inserted.Contains(rows[i].KeyHash);
        return results;
    }

    /// <summary>Deletes expired rows (bounded batches) and re-counts the live ones. Returns how many rows were deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = (_time.GetUtcNow() - _limits.ClockSkew).ToUniversalTime();
        var deleted = 0;
        await using var db = await _factory.CreateDbContextAsync(cancellationToken);
        for (var batch = 0; batch < MaxBatchesPerSweep; batch++)
        {
            var n = await db.CdsJtis.Where(j => j.ExpiresAt < cutoff).OrderBy(j => j.ExpiresAt).Take(PurgeBatchSize).ExecuteDeleteAsync(cancellationToken);
            deleted += n;
            if (n < PurgeBatchSize) break;
        }
        _full = await db.CdsJtis.CountAsync(cancellationToken) >= _limits.ReplayCapacity;
        return deleted;
    }

    /// <summary>SHA-256 (hex) of issuer, newline, jti: a fixed 64-character key for any issuer length.</summary>
    internal static string KeyHash(string issuer, string jti) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(issuer + "\n" + jti)));
}
