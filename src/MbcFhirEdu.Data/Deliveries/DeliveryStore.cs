using MbcFhirEdu.Data.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MbcFhirEdu.Data.Deliveries;

/// <summary>What a caller asks to send.</summary>
/// <param name="SenderName">The sender's display name when known (kept for the history; never sent to the EHR).</param>
public sealed record NewDelivery(
    string Issuer, string Caller, string PatientId, string MaterialId, string Language, string? Note, string Sender,
    DeliveryTokenKind TokenKind, string? ProtectedTokenSessionId, string? SenderName = null);

public enum CreateDeliveryStatus { Created, Existing, KeyReusedForOtherRequest }

/// <summary>The outcome of <see cref="DeliveryStore.CreateAsync"/>: the delivery the key stands for.</summary>
public sealed record CreateDeliveryResult(CreateDeliveryStatus Status, DeliveryRecord Delivery);

/// <summary>
/// Deliveries and the outbox over EF Core, the same on SQLite and PostgreSQL. Creation is idempotent per
/// (issuer, caller, key) through a unique index; workers claim due rows with a lease in one atomic statement.
/// </summary>
public sealed class DeliveryStore(IDbContextFactory<MbcEduDbContext> factory, TimeProvider time)
{
    public const int MaxListed = 200;

    /// <summary>Commits the delivery (status Pending, due now) before anything is sent; the same key returns the same delivery.</summary>
    public async Task<CreateDeliveryResult> CreateAsync(NewDelivery request, string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var existing = await FindByKeyAsync(db, request, idempotencyKey, cancellationToken).ConfigureAwait(false);
        if (existing is not null) return Existing(existing, request);

        var now = time.GetUtcNow().ToUniversalTime();
        var record = new DeliveryRecord
        {
            Id = Guid.CreateVersion7(now),
            IdempotencyKey = idempotencyKey,
            Issuer = request.Issuer,
            Caller = request.Caller,
            PatientId = request.PatientId,
            MaterialId = request.MaterialId,
            Language = request.Language,
            Note = request.Note,
            Sender = request.Sender,
            SenderName = request.SenderName is { Length: > MbcEduDbContext.MaxSenderNameLength } name ? name[..MbcEduDbContext.MaxSenderNameLength] : request.SenderName,
            TokenKind = request.TokenKind,
            ProtectedTokenSessionId = request.ProtectedTokenSessionId,
            Status = DeliveryStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        };
        db.Deliveries.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return new CreateDeliveryResult(CreateDeliveryStatus.Created, record);
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            // Another request with the same key committed first: that row is the delivery.
            await using var fresh = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var winner = await FindByKeyAsync(fresh, request, idempotencyKey, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The idempotency key was taken but its delivery cannot be read.", e);
            return Existing(winner, request);
        }
    }

    public async Task<DeliveryRecord?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Deliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The patient's deliveries at this EHR, newest first (at most <see cref="MaxListed"/>).</summary>
    public async Task<IReadOnlyList<DeliveryRecord>> ListForPatientAsync(string issuer, string patientId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Deliveries.AsNoTracking()
            .Where(d => d.Issuer == issuer && d.PatientId == patientId)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Take(MaxListed)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records that the patient opened a delivered material. Only the delivery's own patient at the same EHR counts;
    /// returns false for anything else (unknown id, another patient, not delivered yet).
    /// </summary>
    public async Task<bool> RecordViewAsync(Guid deliveryId, string issuer, string patientId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var owned = await db.Deliveries.AnyAsync(
            d => d.Id == deliveryId && d.Issuer == issuer && d.PatientId == patientId && d.Status == DeliveryStatus.Delivered, cancellationToken).ConfigureAwait(false);
        if (!owned) return false;
        var now = time.GetUtcNow().ToUniversalTime();
        db.DeliveryViews.Add(new DeliveryViewRecord { DeliveryId = deliveryId, ViewedAt = now });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await db.Deliveries.Where(d => d.Id == deliveryId && d.FirstOpenedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.FirstOpenedAt, now), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Claims up to <paramref name="max"/> due deliveries for <paramref name="owner"/> until now + <paramref name="lease"/>:
    /// Pending ones whose next attempt is due, and Sending ones whose lease ran out (a worker died mid-send). One
    /// statement does select and update, so two workers never claim the same row; PostgreSQL skips rows another
    /// worker has locked. Delivered and Failed rows are never claimed.
    /// </summary>
    public async Task<IReadOnlyList<DeliveryRecord>> ClaimDueAsync(string owner, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().ToUniversalTime();
        var postgres = db.Database.IsNpgsql();
        object Time(DateTimeOffset t) => postgres ? t : t.ToUnixTimeMilliseconds();
        var skipLocked = postgres ? " FOR UPDATE SKIP LOCKED" : "";
        var sql = $$"""
            UPDATE deliveries
               SET status = {{(int)DeliveryStatus.Sending}}, lease_owner = {0}, lease_until = {1}, attempts = attempts + 1
             WHERE id IN (SELECT id FROM deliveries
                           WHERE (status = {{(int)DeliveryStatus.Pending}} AND next_attempt_at <= {2})
                              OR (status = {{(int)DeliveryStatus.Sending}} AND lease_until < {2})
                           ORDER BY next_attempt_at
                           LIMIT {3}{{skipLocked}})
            RETURNING *
            """;
        return await db.Deliveries.FromSqlRaw(sql, owner, Time(now + lease), Time(now), max)
            .AsNoTracking().AsAsyncEnumerable().ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The EHR accepted the Communication. False when this worker no longer holds the lease.</summary>
    public Task<bool> MarkDeliveredAsync(Guid id, string owner, string? communicationId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUniversalTime();
        return UpdateLeasedAsync(id, owner, s => s
            .SetProperty(d => d.Status, DeliveryStatus.Delivered)
            .SetProperty(d => d.DeliveredAt, now)
            .SetProperty(d => d.EhrCommunicationId, communicationId)
            .SetProperty(d => d.LastError, (string?)null)
            .SetProperty(d => d.LeaseOwner, (string?)null)
            .SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
    }

    /// <summary>A transient failure: back to Pending, due at <paramref name="nextAttemptAt"/>.</summary>
    public Task<bool> ScheduleRetryAsync(Guid id, string owner, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken)
    {
        var next = nextAttemptAt.ToUniversalTime();
        var text = Truncate(error);
        return UpdateLeasedAsync(id, owner, s => s
            .SetProperty(d => d.Status, DeliveryStatus.Pending)
            .SetProperty(d => d.NextAttemptAt, next)
            .SetProperty(d => d.LastError, text)
            .SetProperty(d => d.LeaseOwner, (string?)null)
            .SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
    }

    /// <summary>A permanent failure: the EHR refused the Communication; <paramref name="error"/> is shown to the coordinator.</summary>
    public Task<bool> MarkFailedAsync(Guid id, string owner, string error, CancellationToken cancellationToken)
    {
        var text = Truncate(error);
        return UpdateLeasedAsync(id, owner, s => s
            .SetProperty(d => d.Status, DeliveryStatus.Failed)
            .SetProperty(d => d.LastError, text)
            .SetProperty(d => d.LeaseOwner, (string?)null)
            .SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
    }

    /// <summary>How many deliveries wait to be sent (Pending or Sending).</summary>
    public async Task<int> CountOutstandingAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Deliveries.CountAsync(d => d.Status == DeliveryStatus.Pending || d.Status == DeliveryStatus.Sending, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> UpdateLeasedAsync(
        Guid id, string owner, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<DeliveryRecord>> setters, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var updated = await db.Deliveries
            .Where(d => d.Id == id && d.Status == DeliveryStatus.Sending && d.LeaseOwner == owner)
            .ExecuteUpdateAsync(setters, cancellationToken).ConfigureAwait(false);
        return updated == 1;
    }

    private static Task<DeliveryRecord?> FindByKeyAsync(MbcEduDbContext db, NewDelivery request, string key, CancellationToken cancellationToken) =>
        db.Deliveries.AsNoTracking()
            .FirstOrDefaultAsync(d => d.Issuer == request.Issuer && d.Caller == request.Caller && d.IdempotencyKey == key, cancellationToken);

    private static CreateDeliveryResult Existing(DeliveryRecord existing, NewDelivery request)
    {
        var same = existing.PatientId == request.PatientId && existing.MaterialId == request.MaterialId
            && existing.Language == request.Language && existing.Note == request.Note;
        return new CreateDeliveryResult(same ? CreateDeliveryStatus.Existing : CreateDeliveryStatus.KeyReusedForOtherRequest, existing);
    }

    private static string Truncate(string text) =>
        text.Length <= MbcEduDbContext.MaxErrorLength ? text : text[..(MbcEduDbContext.MaxErrorLength - 1)] + "…";

    internal static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        // SQLITE_CONSTRAINT_UNIQUE (2067) or _PRIMARYKEY (1555).
        SqliteException lite => lite.SqliteErrorCode == 19 && lite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };
}
