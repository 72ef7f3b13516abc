using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Fhir.Bulk;
using Microsoft.EntityFrameworkCore;

namespace MbcFhirEdu.Data.Population;

/// <summary>
/// Applies a manifest's <c>deleted</c> file (Bulk Data 2.0, exports with <c>_since</c>) to the staging table: each
/// resource it names is removed from what earlier runs staged, and its patient goes on the run's to-do list so the
/// profile is built again without it (an entered-in-error metastasis must not stay). The rows this run staged itself are
/// kept — a resource in this export's output is on record now, whatever order the files are read in. A deleted Patient
/// takes all its staged rows with it; its snapshot is forgotten and its open worklist entries are closed, since they
/// would point a coordinator at a record the EHR no longer has. Lines the file holds that cannot be read are named in the
/// warnings (<see cref="BulkDeletedFile"/>): their resources stay staged until the next full export.
/// </summary>
internal sealed class StagedDeletions(IBulkExportClient client, IDbContextFactory<MbcEduDbContext> factory, TimeProvider time)
{
    /// <summary>The <c>population_run_files.resource_type</c> of a deleted file: never a resource type (those are letters only).</summary>
    public const string FileType = "deleted:Bundle";

    public async Task<FileStager.Result> ApplyAsync(PopulationRunRecord run, PopulationRunFileRecord file, int partitions, int batchSize, CancellationToken ct)
    {
        var name = $"file {file.Ordinal} (deleted)";
        var problems = new List<string>();
        var removed = 0;
        var batch = new List<BulkDeletion>(batchSize);
        await using var stream = await client.OpenFileAsync(new BulkExportFile("Bundle", new Uri(file.Url), file.Count), run.RequiresAccessToken, ct).ConfigureAwait(false);
        foreach (var deletion in BulkDeletedFile.Read(stream, problems, FileStager.MaxNamedProblems, ct))
        {
            batch.Add(deletion);
            if (batch.Count < batchSize) continue;
            removed += await RemoveAsync(run, batch, partitions, ct).ConfigureAwait(false);
            batch.Clear();
        }
        removed += await RemoveAsync(run, batch, partitions, ct).ConfigureAwait(false);
        return new FileStager.Result(removed, problems.Select(p => $"{name}: {p}; its resources stay staged until the next full export").ToList());
    }

    // One batch in one transaction (through the execution strategy: PostgreSQL retries the whole unit). The lookups go
    // by type and id, since a deletion does not name the patient.
    private async Task<int> RemoveAsync(PopulationRunRecord run, List<BulkDeletion> batch, int partitions, CancellationToken ct)
    {
        if (batch.Count == 0) return 0;
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            var removed = 0;
            var touched = new HashSet<string>(StringComparer.Ordinal);
            foreach (var group in batch.GroupBy(d => d.ResourceType, StringComparer.Ordinal))
            {
                var ids = group.Select(d => d.Id).Distinct(StringComparer.Ordinal).ToList();
                if (group.Key == "Patient")
                {
                    removed += await RemovePatientsAsync(db, run, ids, ct).ConfigureAwait(false);
                    continue;
                }
                var rows = db.PopulationStaging.Where(s => s.FhirBase == run.FhirBase && s.ResourceType == group.Key && ids.Contains(s.ResourceId) && s.RunId != run.Id);
                touched.UnionWith(await rows.Select(s => s.PatientId).Distinct().ToListAsync(ct).ConfigureAwait(false));
                removed += await rows.ExecuteDeleteAsync(ct).ConfigureAwait(false);
            }
            foreach (var patient in touched) await QueueAsync(db, run.Id, patient, partitions, ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return removed;
        }).ConfigureAwait(false);
    }

    /// <summary>Puts a patient on the run's to-do list (the compare phase's), unless it is there already.</summary>
    internal static async Task QueueAsync(MbcEduDbContext db, Guid runId, string patientId, int partitions, CancellationToken ct)
    {
        var partition = Partitioning.Of(patientId, partitions);
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO population_run_patients (run_id, \"partition\", patient_id) VALUES ({runId}, {partition}, {patientId}) ON CONFLICT (run_id, \"partition\", patient_id) DO NOTHING",
            ct).ConfigureAwait(false);
    }

    // A Patient this export did not restage: its record is gone from the EHR, so nothing of it stays on the worklist.
    private async Task<int> RemovePatientsAsync(MbcEduDbContext db, PopulationRunRecord run, List<string> ids, CancellationToken ct)
    {
        var restaged = await db.PopulationStaging.Where(s => s.FhirBase == run.FhirBase && s.ResourceType == "Patient" && ids.Contains(s.PatientId) && s.RunId == run.Id)
            .Select(s => s.PatientId).ToListAsync(ct).ConfigureAwait(false);
        var gone = ids.Except(restaged, StringComparer.Ordinal).ToList();
        if (gone.Count == 0) return 0;
        var now = time.GetUtcNow().ToUniversalTime();
        var closedBy = $"population-run/{run.Id}: Patient deleted in the EHR";
        await db.WorklistEntries.Where(e => e.FhirBase == run.FhirBase && gone.Contains(e.PatientId) && e.ClosedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClosedAt, now).SetProperty(e => e.ClosedBy, closedBy), ct).ConfigureAwait(false);
        await db.PatientSnapshots.Where(p => p.FhirBase == run.FhirBase && gone.Contains(p.PatientId)).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        await db.PopulationRunPatients.Where(p => p.RunId == run.Id && gone.Contains(p.PatientId)).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        return await db.PopulationStaging.Where(s => s.FhirBase == run.FhirBase && gone.Contains(s.PatientId) && s.RunId != run.Id)
            .ExecuteDeleteAsync(ct).ConfigureAwait(false);
    }
}
