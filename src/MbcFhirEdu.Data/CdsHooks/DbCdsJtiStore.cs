using System.Security.Cryptography;
using System.Text;
using MbcFhirEdu.Data.Deliveries;
using MbcFhirEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MbcFhirEdu.Data.CdsHooks;

/// <summary>
/// <see cref="ICdsJtiStore"/> in the database (table <c>cds_jtis</c>), shared by every replica. Recording is a plain
/// INSERT whose primary key is a hash of issuer and jti: of two concurrent inserts of the same jti, in any processes,
/// the database's unique constraint rejects the second — no check-then-insert race. Expired rows (past expiry plus the
/// clock skew) are deleted in bounded batches, at most once per <see cref="SweepInterval"/> per process; the sweep
/// also counts the rows left, and while that count is at <c>CdsHooks:ReplayStoreCapacity</c> new tokens are refused
/// (fail closed) rather than growing the table without bound.
/// </summary>
internal sealed class DbCdsJtiStore(IDbContextFactory<MbcEduDbContext> factory, CdsStoreLimits limits, TimeProvider time) : ICdsJtiStore
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);
    /// <summary>Rows deleted per statement; a sweep runs at most <see cref="MaxBatchesPerSweep"/> of them.</summary>
    public const int PurgeBatchSize = 1000;
    public const int MaxBatchesPerSweep = 20;

    private long _nextSweepTicks;
    private volatile bool _full;

    public async Task<bool> TryRecordAsync(string issuer, string jti, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        if (issuer.Length is 0 or > MbcEduDbContext.MaxIssuerLength || jti.Length is 0 or > MbcEduDbContext.MaxJtiLength) return false;
        var now = time.GetUtcNow();
        if (now.UtcTicks >= Interlocked.Read(ref _nextSweepTicks))
        {
            Interlocked.Exchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks);
            await SweepAsync(cancellationToken);
        }
        if (_full) return false;

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.CdsJtis.Add(new CdsJtiRecord
        {
            KeyHash = KeyHash(issuer, jti),
            Issuer = issuer,
            Jti = jti,
            ExpiresAt = expiresAt.ToUniversalTime(),
            RecordedAt = now.ToUniversalTime(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (DeliveryStore.IsUniqueViolation(e))
        {
            return false; // seen before, by this replica or another
        }
    }

    /// <summary>Deletes expired rows (bounded batches) and re-counts the live ones. Returns how many rows were deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = (time.GetUtcNow() - limits.ClockSkew).ToUniversalTime();
        var deleted = 0;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        for (var batch = 0; batch < MaxBatchesPerSweep; batch++)
        {
            var n = await db.CdsJtis.Where(j => j.ExpiresAt < cutoff).OrderBy(j => j.ExpiresAt).Take(PurgeBatchSize).ExecuteDeleteAsync(cancellationToken);
            deleted += n;
            if (n < PurgeBatchSize) break;
        }
        _full = await db.CdsJtis.CountAsync(cancellationToken) >= limits.ReplayCapacity;
        return deleted;
    }

    /// <summary>SHA-256 (hex) of issuer, newline, jti: a fixed 64-character key for any issuer length.</summary>
    internal static string KeyHash(string issuer, string jti) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(issuer + "\n" + jti)));
}
