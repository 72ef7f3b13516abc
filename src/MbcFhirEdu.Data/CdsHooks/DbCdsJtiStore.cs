using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MbcFhirEdu.Data;
using MbcFhirEdu.Data.Deliveries;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Web.Features.CdsHooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Infrastructure.Persistence;

/// <summary>
/// <see cref="ICdsJtiStore"/> in the database (table <c>cds_jtis</c>), shared by every replica. Recording is a plain
/// INSERT whose primary key is a hash of issuer and jti: of two concurrent inserts of the same jti, in any processes,
/// the database's unique constraint rejects the second — no check-then-insert race. Expired rows (past expiry plus the
/// clock skew) are deleted in bounded batches, at most once per <see cref="SweepInterval"/> per process; the sweep
/// also counts the rows left, and while that count is at <c>CdsHooks:ReplayStoreCapacity</c> new tokens are refused
/// (fail closed) rather than growing the table without bound.
/// </summary>
internal sealed class DbCdsJtiStore(IDbContextFactory<MbcEduDbContext> factory, IOptions<CdsHooksOptions> options, TimeProvider time) : ICdsJtiStore
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
        var cutoff = (time.GetUtcNow() - options.Value.ClockSkew).ToUniversalTime();
        var deleted = 0;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        for (var batch = 0; batch < MaxBatchesPerSweep; batch++)
        {
            var n = await db.CdsJtis.Where(j => j.ExpiresAt < cutoff).OrderBy(j => j.ExpiresAt).Take(PurgeBatchSize).ExecuteDeleteAsync(cancellationToken);
            deleted += n;
            if (n < PurgeBatchSize) break;
        }
        _full = await db.CdsJtis.CountAsync(cancellationToken) >= options.Value.ReplayStoreCapacity;
        return deleted;
    }

    /// <summary>SHA-256 (hex) of issuer, newline, jti: a fixed 64-character key for any issuer length.</summary>
    internal static string KeyHash(string issuer, string jti) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(issuer + "\n" + jti)));
}

/// <summary>
/// <see cref="ICdsFeedbackStore"/> in the database (table <c>cds_feedback</c>), shared by every replica. Every text is
/// cut to its column's bound; at most once per <see cref="TrimInterval"/> per process the oldest rows beyond
/// <c>CdsHooks:FeedbackStoreCapacity</c> are deleted (bounded batches).
/// </summary>
internal sealed class DbCdsFeedbackStore(IDbContextFactory<MbcEduDbContext> factory, IOptions<CdsHooksOptions> options, TimeProvider time) : ICdsFeedbackStore
{
    public static readonly TimeSpan TrimInterval = TimeSpan.FromMinutes(1);
    public const int MaxRead = 1000;
    private const int TrimBatchSize = 1000;
    private long _nextTrimTicks;

    public async Task AddAsync(CdsFeedbackRecord feedback, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.CdsFeedback.Add(new CdsFeedbackEntry
        {
            ServiceId = Cut(feedback.ServiceId, 64)!,
            Card = Cut(feedback.Card, MbcEduDbContext.MaxFeedbackCardLength)!,
            Outcome = Cut(feedback.Outcome, 32)!,
            AcceptedSuggestions = SuggestionsJson(feedback.AcceptedSuggestions),
            OverrideReasonCode = Cut(feedback.OverrideReasonCode, 128),
            OverrideReasonSystem = Cut(feedback.OverrideReasonSystem, 512),
            UserComment = Cut(feedback.UserComment, MbcEduDbContext.MaxFeedbackCommentLength),
            OutcomeTimestamp = feedback.OutcomeTimestamp.ToUniversalTime(),
            Issuer = Cut(feedback.Issuer, MbcEduDbContext.MaxIssuerLength),
            ReceivedAt = feedback.ReceivedAt.ToUniversalTime(),
        });
        await db.SaveChangesAsync(cancellationToken);

        var now = time.GetUtcNow();
        if (now.UtcTicks >= Interlocked.Read(ref _nextTrimTicks))
        {
            Interlocked.Exchange(ref _nextTrimTicks, (now + TrimInterval).UtcTicks);
            await TrimAsync(cancellationToken);
        }
    }

    public async Task<IReadOnlyList<CdsFeedbackRecord>> RecentAsync(int count, CancellationToken cancellationToken)
    {
        count = Math.Clamp(count, 0, MaxRead);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.CdsFeedback.AsNoTracking().OrderByDescending(f => f.Id).Take(count).ToListAsync(cancellationToken);
        rows.Reverse();
        return [.. rows.Select(r => new CdsFeedbackRecord(
            r.ServiceId, r.Card, r.Outcome, JsonSerializer.Deserialize<List<string>>(r.AcceptedSuggestions) ?? [],
            r.OverrideReasonCode, r.OverrideReasonSystem, r.UserComment, r.OutcomeTimestamp, r.Issuer, r.ReceivedAt))];
    }

    /// <summary>Deletes the oldest rows beyond the capacity (bounded batches). Returns how many were deleted.</summary>
    public async Task<int> TrimAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var newest = await db.CdsFeedback.MaxAsync(f => (long?)f.Id, cancellationToken);
        if (newest is null) return 0;
        var keepFrom = newest.Value - options.Value.FeedbackStoreCapacity + 1;
        var deleted = 0;
        for (var batch = 0; batch < DbCdsJtiStore.MaxBatchesPerSweep; batch++)
        {
            var n = await db.CdsFeedback.Where(f => f.Id < keepFrom).OrderBy(f => f.Id).Take(TrimBatchSize).ExecuteDeleteAsync(cancellationToken);
            deleted += n;
            if (n < TrimBatchSize) break;
        }
        return deleted;
    }

    private static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..max];

    // The parser allows 100 ids of up to 128 characters; escaping can lengthen them, so drop ids until the JSON fits.
    private static string SuggestionsJson(IReadOnlyList<string> ids)
    {
        var list = ids.Select(i => Cut(i, 128)!).ToList();
        while (true)
        {
            var json = JsonSerializer.Serialize(list);
            if (json.Length <= MbcEduDbContext.MaxFeedbackSuggestionsLength) return json;
            list.RemoveAt(list.Count - 1);
        }
    }
}
