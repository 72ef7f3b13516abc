using MbcFhirEdu.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MbcFhirEdu.Data.Audit;

/// <summary>Well-known audit actions.</summary>
public static class AuditActions
{
    /// <summary>A page load read the patient's record from the EHR.</summary>
    public const string PatientRead = "patient.read";
    /// <summary>A delivery was written to the EHR as a Communication (or the EHR refused it).</summary>
    public const string DeliverySend = "delivery.send";
    /// <summary>A coordinator recorded a delivery from the workspace (before it is sent).</summary>
    public const string DeliveryRequest = "delivery.request";
    /// <summary>The patient opened a delivered material (or tried a delivery link that is not theirs: outcome failure).</summary>
    public const string DeliveryView = "delivery.view";
    /// <summary>
    /// A CDS Hooks patient-view call read the patient's data (prefetch and/or fhirServer): actor the hook's
    /// <c>context.userId</c>, outcome failure when the data could not be obtained (412).
    /// </summary>
    public const string CdsPatientView = "cds.patient-view";
}

/// <summary>One audit row to write: ids only.</summary>
public sealed record AuditEntry(string Action, bool Success, string? Actor, string? Issuer, string? PatientId, string? EntityId = null);

/// <summary>
/// Writes audit rows (actor fhirUser, patient id, action, time, outcome) and reads them back in order.
/// Rows are written in batches (group commit, GroupCommitQueue): a write joins the queue, one writer at a time saves everything queued
/// in one INSERT statement (BatchInsert), and each caller's task completes when its row is committed. Concurrent requests therefore
/// share one database write instead of queueing for SQLite's single writer one by one, and a request that has
/// finished has its row on disk, so a stop (SIGTERM) or a crash afterwards loses nothing.
/// </summary>
public sealed class AuditLog
{
    /// <summary>Rows saved in one transaction at most; a longer queue is written in several.</summary>
    public const int MaxBatch = 256;

    private static readonly string[] Columns =
    [
        nameof(AuditRecord.Time), nameof(AuditRecord.Action), nameof(AuditRecord.Outcome), nameof(AuditRecord.Actor),
        nameof(AuditRecord.Issuer), nameof(AuditRecord.PatientId), nameof(AuditRecord.EntityId),
    ];

    private readonly IDbContextFactory<MbcEduDbContext> _factory;
    private readonly TimeProvider _time;
    private readonly GroupCommitQueue<AuditRecord, bool> _writes;

    public AuditLog(IDbContextFactory<MbcEduDbContext> factory, TimeProvider time)
    {
        _factory = factory;
        _time = time;
        _writes = new GroupCommitQueue<AuditRecord, bool>(WriteBatchAsync, MaxBatch);
    }

    /// <summary>
    /// Queues the row (stamped with the time now) and completes when its batch is committed; a failed batch fails
    /// every caller in it. Cancelling the wait does not withdraw the row.
    /// </summary>
    public Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken) => _writes.SubmitAsync(ToRecord(entry), cancellationToken);

    // One multi-row INSERT per batch (BatchInsert: SaveChanges' change tracking of each row cost more than the write).
    private async Task<bool[]> WriteBatchAsync(IReadOnlyList<AuditRecord> rows)
    {
        await using var db = await _factory.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
        await BatchInsert.ExecuteAsync(db, rows, Columns, a => [a.Time, a.Action, a.Outcome, a.Actor, a.Issuer, a.PatientId, a.EntityId]).ConfigureAwait(false);
        return new bool[rows.Count];
    }

    private AuditRecord ToRecord(AuditEntry entry) => new()
    {
        Time = _time.GetUtcNow().ToUniversalTime(),
        Action = Bound(entry.Action, 64)!,
        Outcome = entry.Success ? "success" : "failure",
        Actor = Bound(entry.Actor, MbcEduDbContext.MaxCallerLength),
        Issuer = Bound(entry.Issuer, MbcEduDbContext.MaxIssuerLength),
        PatientId = Bound(entry.PatientId, MbcEduDbContext.MaxIdLength),
        EntityId = Bound(entry.EntityId, MbcEduDbContext.MaxIdLength),
    };

    /// <summary>Every row with <c>Id</c> after <paramref name="afterId"/> (recorded at or after <paramref name="since"/>), in id order, streamed in pages (bounded memory).</summary>
    public async IAsyncEnumerable<AuditRecord> ReadAllAsync(
        DateTimeOffset? since, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken, int pageSize = 500,
        long afterId = 0)
    {
        var after = afterId;
        var from = since?.ToUniversalTime();
        while (true)
        {
            List<AuditRecord> page;
            await using (var db = await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
            {
                var query = db.AuditEvents.AsNoTracking().Where(a => a.Id > after);
                if (from is { } f) query = query.Where(a => a.Time >= f);
                page = await query.OrderBy(a => a.Id).Take(pageSize).ToListAsync(cancellationToken).ConfigureAwait(false);
            }
            foreach (var row in page) yield return row;
            if (page.Count < pageSize) yield break;
            after = page[^1].Id;
        }
    }

    private static string? Bound(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
