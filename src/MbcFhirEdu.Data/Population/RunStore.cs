using System.Security.Cryptography;
using System.Text;
using MbcFhirEdu.Data.Deliveries;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Fhir.Bulk;
using Microsoft.EntityFrameworkCore;

namespace MbcFhirEdu.Data.Population;

/// <summary>
/// The run row (table <c>population_runs</c>): find or create the one unfinished run of a request, the export lease,
/// the manifest, and the state changes. Every change is one conditional statement, so workers never race.
/// </summary>
internal sealed class RunStore(IDbContextFactory<MbcEduDbContext> factory, TimeProvider time)
{
    /// <summary>
    /// The unfinished run of this request, or a new one. A new run resolves its <c>_since</c>: the requested one, else the
    /// last completed run's transaction time for the same base and group — unless some patient staged for this base
    /// has never been compared (no snapshot), then a full export, since an incremental one cannot complete their record.
    /// </summary>
    public async Task<PopulationRunRecord> OpenAsync(PopulationRunRequest request, CancellationToken ct)
    {
        var key = RequestKey(request);
        var fhirBase = request.FhirBase.AbsoluteUri;
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
            var open = await db.PopulationRuns.AsNoTracking().FirstOrDefaultAsync(r => r.RequestKey == key && r.FinishedAt == null, ct).ConfigureAwait(false);
            if (open is not null) return open;

            var now = time.GetUtcNow().ToUniversalTime();
            var run = new PopulationRunRecord
            {
                Id = Guid.CreateVersion7(now),
                RequestKey = key,
                FhirBase = fhirBase,
                GroupId = request.GroupId,
                Since = request.Since?.ToUniversalTime()
                    ?? (request.FullExport ? null : await AutomaticSinceAsync(db, fhirBase, request.GroupId, ct).ConfigureAwait(false)),
                State = PopulationRunState.Exporting,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.PopulationRuns.Add(run);
            try
            {
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                return run;
            }
            catch (DbUpdateException e) when (DeliveryStore.IsUniqueViolation(e) && attempt < 3)
            {
                // Another worker created the run first: read it on the next turn.
            }
        }
    }

    private static async Task<DateTimeOffset?> AutomaticSinceAsync(MbcEduDbContext db, string fhirBase, string? groupId, CancellationToken ct)
    {
        var last = await db.PopulationRuns.AsNoTracking()
            .Where(r => r.FhirBase == fhirBase && r.GroupId == groupId && r.State == PopulationRunState.Completed && r.TransactionTime != null)
            .Select(r => r.TransactionTime).ToListAsync(ct).ConfigureAwait(false);
        if (last.Count == 0) return null;
        var uncompared = await db.PopulationStaging.AsNoTracking()
            .Where(s => s.FhirBase == fhirBase && !db.PatientSnapshots.Any(p => p.FhirBase == s.FhirBase && p.PatientId == s.PatientId))
            .AnyAsync(ct).ConfigureAwait(false);
        return uncompared ? null : last.Max();
    }

    public async Task<PopulationRunRecord> GetAsync(Guid id, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await db.PopulationRuns.AsNoTracking().FirstAsync(r => r.Id == id, ct).ConfigureAwait(false);
    }

    /// <summary>Takes (or renews) the export lease while the run is still exporting; false when another worker holds it.</summary>
    public async Task<bool> TryLeaseAsync(Guid id, string owner, TimeSpan duration, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUniversalTime();
        var until = now + duration;
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await db.PopulationRuns
            .Where(r => r.Id == id && r.State == PopulationRunState.Exporting && (r.LeaseOwner == null || r.LeaseOwner == owner || r.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseOwner, owner).SetProperty(r => r.LeaseUntil, until).SetProperty(r => r.UpdatedAt, now), ct)
            .ConfigureAwait(false) == 1;
    }

    public async Task SaveStatusUrlAsync(Guid id, Uri statusUrl, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUniversalTime();
        var url = statusUrl.AbsoluteUri;
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        await db.PopulationRuns.Where(r => r.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.StatusUrl, url).SetProperty(r => r.UpdatedAt, now), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Persists the manifest (one row per file, output then error files; <paramref name="partitions"/> patient partitions)
    /// and moves the run to staging, in one transaction. False when the run had already left the export step.
    /// </summary>
    public async Task<bool> SaveManifestAsync(Guid id, BulkExportManifest manifest, int partitions, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUniversalTime();
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var run = await db.PopulationRuns.FirstAsync(r => r.Id == id, ct).ConfigureAwait(false);
        if (run.State != PopulationRunState.Exporting) return false;
        var ordinal = 0;
        foreach (var (file, isError) in manifest.Output.Select(f => (f, false)).Concat(manifest.Errors.Select(f => (f, true))))
        {
            db.PopulationRunFiles.Add(new PopulationRunFileRecord
            {
                RunId = id, Ordinal = ordinal++, ResourceType = Truncate(file.Type, 64), Url = file.Url.AbsoluteUri, Count = file.Count,
                IsErrorFile = isError, State = PopulationWorkState.Pending,
            });
        }
        for (var p = 0; p < partitions; p++)
            db.PopulationRunPartitions.Add(new PopulationRunPartitionRecord { RunId = id, Partition = p, State = PopulationWorkState.Pending });
        run.StatusUrl = manifest.StatusUrl.AbsoluteUri;
        run.TransactionTime = manifest.TransactionTime.ToUniversalTime();
        run.RequiresAccessToken = manifest.RequiresAccessToken;
        run.State = PopulationRunState.Staging;
        run.LeaseOwner = null;
        run.LeaseUntil = null;
        run.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false); // one implicit transaction; the row version check is the state
            return true;
        }
        catch (DbUpdateException e) when (DeliveryStore.IsUniqueViolation(e))
        {
            return false; // another worker saved the same manifest first
        }
    }

    /// <summary>Moves the run from <paramref name="from"/> to <paramref name="to"/>; false when it was not in <paramref name="from"/>.</summary>
    public async Task<bool> MoveAsync(Guid id, PopulationRunState from, PopulationRunState to, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUniversalTime();
        DateTimeOffset? finished = to is PopulationRunState.Completed or PopulationRunState.Failed ? now : null;
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await db.PopulationRuns.Where(r => r.Id == id && r.State == from)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, to).SetProperty(r => r.UpdatedAt, now).SetProperty(r => r.FinishedAt, finished), ct)
            .ConfigureAwait(false) == 1;
    }

    /// <summary>Ends the run as failed (it will not be resumed: a re-run starts a new export).</summary>
    public async Task FailAsync(Guid id, string error, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUniversalTime();
        var text = Truncate(error, MbcEduDbContext.MaxErrorLength);
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        await db.PopulationRuns.Where(r => r.Id == id && r.FinishedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, PopulationRunState.Failed).SetProperty(r => r.Error, text)
                .SetProperty(r => r.UpdatedAt, now).SetProperty(r => r.FinishedAt, now), ct).ConfigureAwait(false);
    }

    /// <summary>The compare phase's to-do list is not needed once the run completed.</summary>
    public async Task ForgetPatientsAsync(Guid id, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        await db.PopulationRunPatients.Where(p => p.RunId == id).ExecuteDeleteAsync(ct).ConfigureAwait(false);
    }

    /// <summary>What "the same request" is: base, group and the requested <c>_since</c> (automatic, full, or a time).</summary>
    public static string RequestKey(PopulationRunRequest request)
    {
        var since = request.Since is { } s ? s.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture)
            : request.FullExport ? "full" : "auto";
        var text = $"{request.FhirBase.AbsoluteUri}\n{request.GroupId}\n{since}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    internal static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
