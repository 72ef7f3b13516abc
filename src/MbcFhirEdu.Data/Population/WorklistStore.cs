using System.Text.Json;
using MbcFhirEdu.Core.Population;
using MbcFhirEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MbcFhirEdu.Data.Population;

/// <summary>
/// Reads and closes worklist entries (table <c>worklist_entries</c>). Entries are written by the population run
/// (<see cref="PopulationRunner"/>); a coordinator closes one when it is dealt with.
/// </summary>
public sealed class WorklistStore(IDbContextFactory<MbcEduDbContext> factory, TimeProvider time)
{
    public const int MaxPageSize = 200;

    /// <summary>Open entries (and closed ones when asked), newest first. Page and size are clamped to 1..<see cref="MaxPageSize"/>.</summary>
    public async Task<WorklistPage> ListAsync(WorklistQuery q, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(q);
        var page = Math.Max(1, q.Page);
        var size = Math.Clamp(q.PageSize, 1, MaxPageSize);
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var query = db.WorklistEntries.AsNoTracking();
        if (!q.IncludeClosed) query = query.Where(e => e.ClosedAt == null);
        if (q.Reason is { } reason) query = query.Where(e => e.Reason == (int)reason);
        var total = await query.CountAsync(ct).ConfigureAwait(false);
        var rows = await query.OrderByDescending(e => e.CreatedAt).ThenBy(e => e.Id)
            .Skip((page - 1) * size).Take(size).ToListAsync(ct).ConfigureAwait(false);
        return new WorklistPage(rows.Select(ToItem).ToList(), total, page, size);
    }

    public async Task<WorklistItem?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var row = await db.WorklistEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct).ConfigureAwait(false);
        return row is null ? null : ToItem(row);
    }

    /// <summary>Closes an open entry; false when there is no such entry or it was already closed.</summary>
    public async Task<bool> CloseAsync(Guid id, string actor, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var now = time.GetUtcNow().ToUniversalTime();
        var by = actor.Length > MbcEduDbContext.MaxCallerLength ? actor[..MbcEduDbContext.MaxCallerLength] : actor;
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var updated = await db.WorklistEntries.Where(e => e.Id == id && e.ClosedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClosedAt, now).SetProperty(e => e.ClosedBy, by), ct).ConfigureAwait(false);
        return updated == 1;
    }

    internal static WorklistItem ToItem(WorklistEntryRecord row) => new(
        row.Id, new Uri(row.FhirBase), row.PatientId, (WorklistReason)row.Reason, row.Detail,
        JsonSerializer.Deserialize<List<string>>(row.EvidenceJson) ?? [], row.CreatedAt, row.RunId, row.ClosedAt);
}
