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

/// <summary>Writes audit rows (actor fhirUser, patient id, action, time, outcome) and reads them back in order.</summary>
public sealed class AuditLog(IDbContextFactory<MbcEduDbContext> factory, TimeProvider time)
{
    public async Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.AuditEvents.Add(new AuditRecord
        {
            Time = time.GetUtcNow().ToUniversalTime(),
            Action = Bound(entry.Action, 64)!,
            Outcome = entry.Success ? "success" : "failure",
            Actor = Bound(entry.Actor, MbcEduDbContext.MaxCallerLength),
            Issuer = Bound(entry.Issuer, MbcEduDbContext.MaxIssuerLength),
            PatientId = Bound(entry.PatientId, MbcEduDbContext.MaxIdLength),
            EntityId = Bound(entry.EntityId, MbcEduDbContext.MaxIdLength),
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

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
