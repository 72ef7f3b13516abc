using System.Text.Json;
using MbcFhirEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MbcFhirEdu.Data.CdsHooks;

/// <summary>
/// <see cref="ICdsFeedbackStore"/> in the database (table <c>cds_feedback</c>), shared by every replica. Every text is
/// cut to its column's bound; at most once per <see cref="TrimInterval"/> per process the oldest rows beyond
/// <c>CdsHooks:FeedbackStoreCapacity</c> are deleted (bounded batches).
/// </summary>
internal sealed class DbCdsFeedbackStore(IDbContextFactory<MbcEduDbContext> factory, CdsStoreLimits limits, TimeProvider time) : ICdsFeedbackStore
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
        var keepFrom = newest.Value - limits.FeedbackCapacity + 1;
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
