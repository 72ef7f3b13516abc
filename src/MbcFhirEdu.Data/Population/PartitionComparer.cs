using System.Buffers;
using System.Text;
using System.Text.Json;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Core.Population;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Fhir.Input;
using Microsoft.EntityFrameworkCore;

namespace MbcFhirEdu.Data.Population;

/// <summary>
/// The compare phase for one partition of a run's patients, <see cref="PopulationOptions.BatchSize"/> patients at a time:
/// read what is stored (snapshots, open entries, whether anything was sent), stream the batch's staged lines in patient
/// order, build each patient's profile with the service's own reader and extractor (<see cref="FhirInput"/>,
/// <see cref="ProfileExtractor"/>), compare (<see cref="WorklistComparer"/>), then write snapshots, entries, closings and
/// removals in one SaveChanges (one transaction) per batch. A batch done twice changes nothing the second time: its
/// snapshots already hold the new hash, and an open entry with the same reason and detail is never added again.
/// </summary>
internal sealed class PartitionComparer(IDbContextFactory<MbcEduDbContext> factory, TimeProvider time)
{
    /// <summary>What comparing one partition did.</summary>
    public sealed class Result
    {
        public int Patients { get; set; }
        public int Entries { get; set; }
        public Dictionary<WorklistReason, int> ByReason { get; } = [];
        public List<string> Warnings { get; } = [];
    }

    /// <param name="removeUnseen">A full export without error files: a staged resource this run did not see was deleted in the EHR.</param>
    /// <param name="links">Records that are one person by Patient.link: compared once, under the surviving record.</param>
    public async Task<Result> CompareAsync(PopulationRunRecord run, int partition, bool removeUnseen, PopulationOptions options, Func<CancellationToken, Task> heartbeat,
        CancellationToken ct, PatientLinks? links = null)
    {
        links ??= PatientLinks.None;
        var result = new Result();
        string? after = null;
        while (true)
        {
            List<string> ids;
            await using (var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false))
            {
                var query = db.PopulationRunPatients.AsNoTracking().Where(p => p.RunId == run.Id && p.Partition == partition);
                if (after is not null) query = query.Where(p => string.Compare(p.PatientId, after) > 0);
                ids = await query.OrderBy(p => p.PatientId).Select(p => p.PatientId).Take(options.BatchSize).ToListAsync(ct).ConfigureAwait(false);
            }
            if (ids.Count == 0) return result;
            await CompareBatchAsync(run, ids, removeUnseen, options.MaxResourcesPerPatient, links, result, ct).ConfigureAwait(false);
            after = ids[^1];
            await heartbeat(ct).ConfigureAwait(false);
        }
    }

    // PostgreSQL's retrying strategy makes EF Core buffer a query's whole result, so that a retry can replay it: the batch's
    // staged lines (BatchSize patients x ~200 lines) were held at once (424 MB at 1,000 patients). The whole batch runs as
    // one unit of the strategy instead: inside it the strategy does not retry each query, so the lines stream one patient
    // at a time, and a transient failure redoes the batch from a new context. That is safe: nothing is written before the
    // batch's one SaveChanges, and a batch done twice changes nothing the second time. Counts merge only once it succeeds.
    private async Task CompareBatchAsync(PopulationRunRecord run, List<string> ids, bool removeUnseen, int maxResources, PatientLinks links, Result result, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var done = await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            var attempt = new Result();
            await CompareBatchOnceAsync(run, ids, removeUnseen, maxResources, links, attempt, token).ConfigureAwait(false);
            return attempt;
        }, ct).ConfigureAwait(false);
        result.Patients += done.Patients;
        result.Entries += done.Entries;
        foreach (var (reason, count) in done.ByReason) result.ByReason[reason] = result.ByReason.GetValueOrDefault(reason) + count;
        result.Warnings.AddRange(done.Warnings);
    }

    private async Task CompareBatchOnceAsync(PopulationRunRecord run, List<string> ids, bool removeUnseen, int maxResources, PatientLinks links, Result result, CancellationToken ct)
    {
        var issuers = Issuers(run.FhirBase);
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var snapshots = await db.PatientSnapshots.Where(s => s.FhirBase == run.FhirBase && ids.Contains(s.PatientId))
            .ToDictionaryAsync(s => s.PatientId, StringComparer.Ordinal, ct).ConfigureAwait(false);
        var open = (await db.WorklistEntries.Where(e => e.FhirBase == run.FhirBase && ids.Contains(e.PatientId) && e.ClosedAt == null)
            .ToListAsync(ct).ConfigureAwait(false)).ToLookup(e => e.PatientId, StringComparer.Ordinal);
        var sent = (await db.Deliveries.AsNoTracking()
            .Where(d => issuers.Contains(d.Issuer) && ids.Contains(d.PatientId) && d.Status != DeliveryStatus.Failed)
            .Select(d => d.PatientId).Distinct().ToListAsync(ct).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);

        var now = time.GetUtcNow().ToUniversalTime();
        var stale = new List<PopulationStagedRecord>();
        var merged = await links.MergedLinesAsync(db, run, ids, removeUnseen, ct).ConfigureAwait(false);
        await foreach (var patient in StagedPatientsAsync(db, run, ids, removeUnseen, maxResources, stale, result, ct).ConfigureAwait(false))
        {
            if (links.NotComparedAsItself(patient.Id, out var closedBy) is { } why)
            {
                // One person, one place on the worklist: the record's own entries close, its person is compared elsewhere.
                result.Warnings.Add(why);
                foreach (var entry in open[patient.Id]) (entry.ClosedAt, entry.ClosedBy) = (now, $"population-run/{run.Id}: {closedBy}");
                continue;
            }
            result.Patients++;
            if (merged.TryGetValue(patient.Id, out var others)) patient.Lines.AddRange(others);
            if (Profile(patient.Id, patient.Lines, patient.HasPatient, result) is not { } profile)
            {
                if (removeUnseen) stale.AddRange(patient.Keys); // a full export that cannot be read: it comes back with the next one
                continue;
            }
            var (json, hash) = SnapshotJson.Serialize(ProfileSnapshot.From(profile));
            snapshots.TryGetValue(patient.Id, out var stored);
            if (stored?.Hash == hash) continue;
            if (stored is null && run.Since is not null)
            {
                // An incremental export holds only what changed: without a baseline the rest of the record is unknown,
                // and a gap must never read as "nothing recorded". The next automatic run is a full export.
                result.Warnings.Add($"Patient/{patient.Id}: first seen in an incremental export; compared at the next full export");
                continue;
            }
            var previous = stored is null ? null : SnapshotJson.Deserialize(stored.SnapshotJson);
            foreach (var finding in WorklistComparer.Compare(previous, profile, sent.Contains(patient.Id)))
                AddEntry(db, run, patient.Id, finding, open[patient.Id].ToList(), now, result);
            if (stored is null)
            {
                db.PatientSnapshots.Add(new PatientSnapshotRecord
                {
                    FhirBase = run.FhirBase, PatientId = patient.Id, SnapshotJson = json, Hash = hash, RunId = run.Id, UpdatedAt = now,
                });
            }
            else
            {
                (stored.SnapshotJson, stored.Hash, stored.RunId, stored.UpdatedAt) = (json, hash, run.Id, now);
            }
        }
        db.PopulationStaging.RemoveRange(stale);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    private static void AddEntry(MbcEduDbContext db, PopulationRunRecord run, string patientId, WorklistFinding finding,
        List<WorklistEntryRecord> open, DateTimeOffset now, Result result)
    {
        if (open.Any(e => e.Reason == (int)finding.Reason && e.Detail == finding.Detail && e.ClosedAt is null)) return;
        if (finding.Reason == WorklistReason.Deceased)
        {
            foreach (var entry in open.Where(e => e.ClosedAt is null))
                (entry.ClosedAt, entry.ClosedBy) = (now, $"population-run/{run.Id}: deceased");
        }
        db.WorklistEntries.Add(new WorklistEntryRecord
        {
            Id = Guid.CreateVersion7(now), FhirBase = run.FhirBase, PatientId = patientId, Reason = (int)finding.Reason,
            Detail = RunStore.Truncate(finding.Detail, 500), EvidenceJson = JsonSerializer.Serialize(finding.Evidence), RunId = run.Id, CreatedAt = now,
        });
        result.Entries++;
        result.ByReason[finding.Reason] = result.ByReason.GetValueOrDefault(finding.Reason) + 1;
    }

    // The service's own reading path: the patient's lines as one NDJSON input, encoded into one pooled buffer (a patient's
    // lines are some 200 KB: joined into a string and then encoded they were two large-object-heap allocations a patient).
    // Observation lines the extractor's own route leaves out (ObservationLine, ObservationRouting) are not handed to the
    // reader: they cannot change the profile, and parsing them was most of the run's CPU. Only when the patient's own
    // Patient line is staged: without it the reader groups by subject, and every line keeps the patient in the input.
    private static ClinicalProfile? Profile(string patientId, List<string> lines, bool routeObservations, Result result)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(lines.Sum(line => Encoding.UTF8.GetMaxByteCount(line.Length) + 1));
        try
        {
            var length = 0;
            foreach (var line in lines)
            {
                var written = Encoding.UTF8.GetBytes(line, bytes.AsSpan(length));
                if (routeObservations && !ObservationLine.MayMatter(bytes.AsSpan(length, written))) continue;
                length += written;
                bytes[length++] = (byte)'\n';
            }
            using var stream = new MemoryStream(bytes, 0, length, writable: false);
            return Profile(patientId, FhirInput.Read(stream, $"Patient-{patientId}.ndjson"), result);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static ClinicalProfile? Profile(string patientId, FhirReadResult read, Result result)
    {
        if (!read.Succeeded)
        {
            result.Warnings.Add($"Patient/{patientId}: {read.Error.Message}");
            return null;
        }
        var reference = $"Patient/{patientId}";
        var data = read.Patients.FirstOrDefault(p => p.Patient.Reference == reference) ?? (read.Patients.Count == 1 ? read.Patients[0] : null);
        if (data is null)
        {
            result.Warnings.Add($"{reference}: its staged resources name {read.Patients.Count} patients; not compared");
            return null;
        }
        return ProfileExtractor.Extract(data);
    }

    private const int ReadChunk = 10;

    /// <summary>One patient's staged lines (and their keys, for removal).</summary>
    private sealed record StagedPatient(string Id, List<string> Lines, List<PopulationStagedRecord> Keys)
    {
        /// <summary>The patient's own Patient line is among the lines.</summary>
        public bool HasPatient { get; set; }
    }

    // Streams the batch's rows in patient order and yields one patient at a time: only one patient's lines are held. The
    // caller does no database work while it iterates (it only builds and compares), so the reader may stay open.
    private static async IAsyncEnumerable<StagedPatient> StagedPatientsAsync(MbcEduDbContext db, PopulationRunRecord run, List<string> ids,
        bool removeUnseen, int maxResources, List<PopulationStagedRecord> stale, Result result,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        StagedPatient? current = null;
        var tooMany = false;
        // A few patients per query: even where the provider buffers a result (measured on PostgreSQL: 401-433 MB peak RSS
        // at 100 patients a query, 310 MB at 10), what is held stays a few patients' lines. A patient is in one chunk,
        // so its rows stay together.
        foreach (var chunk in ids.Chunk(ReadChunk))
        await foreach (var row in db.PopulationStaging.AsNoTracking().Where(s => s.FhirBase == run.FhirBase && chunk.Contains(s.PatientId))
            .OrderBy(s => s.PatientId).ThenBy(s => s.ResourceType).ThenBy(s => s.ResourceId)
            .Select(s => new { s.PatientId, s.ResourceType, s.ResourceId, s.RunId, s.Payload }).AsAsyncEnumerable().WithCancellation(ct).ConfigureAwait(false))
        {
            if (current is null || current.Id != row.PatientId)
            {
                if (current is not null && !tooMany) yield return current;
                current = new StagedPatient(row.PatientId, [], []);
                tooMany = false;
            }
            var key = new PopulationStagedRecord { FhirBase = run.FhirBase, PatientId = row.PatientId, ResourceType = row.ResourceType, ResourceId = row.ResourceId, Payload = "" };
            if (removeUnseen && row.RunId != run.Id)
            {
                stale.Add(key);
                continue;
            }
            current.Keys.Add(key);
            if (tooMany) continue;
            if (current.Lines.Count >= maxResources)
            {
                tooMany = true;
                current.Lines.Clear();
                result.Warnings.Add($"Patient/{row.PatientId}: more than {maxResources} resources; not compared");
                continue;
            }
            current.Lines.Add(row.Payload);
            if (row.ResourceType == "Patient" && row.ResourceId == row.PatientId) current.HasPatient = true;
        }
        if (current is not null && !tooMany) yield return current;
    }

    // Deliveries store the issuer as Uri.AbsoluteUri; accept the base with and without its trailing slash.
    private static List<string> Issuers(string fhirBase) => [fhirBase, fhirBase.TrimEnd('/'), fhirBase.TrimEnd('/') + "/"];
}
