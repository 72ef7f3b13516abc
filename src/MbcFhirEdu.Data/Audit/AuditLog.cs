using System.Collections.Concurrent;
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
/// Rows are written in batches (group commit): a write joins the queue, one writer at a time saves everything queued
/// in one transaction, and each caller's task completes when its row is committed. Concurrent requests therefore
/// share one database write instead of queueing for SQLite's single writer one by one, and a request that has
/// finished has its row on disk, so a stop (SIGTERM) or a crash afterwards loses nothing.
/// </summary>
public sealed class AuditLog(IDbContextFactory<MbcEduDbContext> factory, TimeProvider time)
{
    /// <summary>Rows saved in one transaction at most; a longer queue is written in several.</summary>
    public const int MaxBatch = 256;

    private readonly ConcurrentQueue<(AuditRecord Row, TaskCompletionSource Written)> _queue = new();
    private int _writing;

    /// <summary>
    /// Queues the row (stamped with the time now) and completes when its batch is committed; a failed batch fails
    /// every caller in it. Cancelling the wait does not withdraw the row.
    /// </summary>
    public Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Enqueue((ToRecord(entry), written));
        if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0) _ = Task.Run(WriteQueuedAsync, CancellationToken.None);
        return written.Task.WaitAsync(cancellationToken);
    }

    // The only writer while _writing is 1. It checks the queue again after clearing the flag, so a row queued
    // between its last batch and the reset is never left behind.
    private async Task WriteQueuedAsync()
    {
        do
        {
            while (!_queue.IsEmpty)
            {
                var batch = new List<(AuditRecord Row, TaskCompletionSource Written)>(Math.Min(MaxBatch, _queue.Count));
                while (batch.Count < MaxBatch && _queue.TryDequeue(out var item)) batch.Add(item);
                try
                {
                    await using var db = await factory.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
                    db.AuditEvents.AddRange(batch.Select(b => b.Row));
                    await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
                    foreach (var (_, written) in batch) written.TrySetResult();
                }
                catch (Exception e)
                {
                    foreach (var (_, written) in batch) written.TrySetException(e);
                }
            }
            Volatile.Write(ref _writing, 0);
        }
        while (!_queue.IsEmpty && Interlocked.CompareExchange(ref _writing, 1, 0) == 0);
    }

    private AuditRecord ToRecord(AuditEntry entry) => new()
    {
        Time = time.GetUtcNow().ToUniversalTime(),
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
            await using (var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
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
