using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Data.Population;
using MbcFhirEdu.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Data.Tests.Population;

/// <summary>A runner with small batches on one FHIR base of a test database, and what the tests read back.</summary>
internal sealed class PopulationTestStore(TestDatabase database, Uri fhirBase)
{
    public PopulationRunRequest Request() => new(fhirBase, "cohort", null);

    public PopulationRunner Runner(FakeBulkClient client) =>
        new(database.CreateFactory(), client, Options.Create(new PopulationOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(50), Partitions = 4, BatchSize = 2, StagingBatchSize = 3, WaitDeadline = TimeSpan.FromMinutes(2),
        }), TimeProvider.System, NullLogger<PopulationRunner>.Instance);

    /// <summary>The open entries, by patient then reason.</summary>
    public async Task<List<WorklistEntryRecord>> OpenEntriesAsync()
    {
        await using var db = await database.CreateFactory().CreateDbContextAsync();
        var key = fhirBase.AbsoluteUri;
        return await db.WorklistEntries.Where(e => e.FhirBase == key && e.ClosedAt == null).OrderBy(e => e.PatientId).ThenBy(e => e.Reason).ThenBy(e => e.Id).ToListAsync();
    }

    public async Task<List<string?>> ClosedByAsync(string patient)
    {
        await using var db = await database.CreateFactory().CreateDbContextAsync();
        var key = fhirBase.AbsoluteUri;
        return await db.WorklistEntries.Where(e => e.FhirBase == key && e.PatientId == patient && e.ClosedAt != null).Select(e => e.ClosedBy).ToListAsync();
    }

    public async Task<string?> SnapshotAsync(string patient)
    {
        await using var db = await database.CreateFactory().CreateDbContextAsync();
        var key = fhirBase.AbsoluteUri;
        return await db.PatientSnapshots.Where(s => s.FhirBase == key && s.PatientId == patient).Select(s => s.SnapshotJson).FirstOrDefaultAsync();
    }

    /// <summary>The ids of a patient's staged resources other than the Patient.</summary>
    public async Task<List<string>> StagedAsync(string patient)
    {
        await using var db = await database.CreateFactory().CreateDbContextAsync();
        var key = fhirBase.AbsoluteUri;
        return await db.PopulationStaging.Where(s => s.FhirBase == key && s.PatientId == patient && s.ResourceType != "Patient")
            .OrderBy(s => s.ResourceId).Select(s => s.ResourceId).ToListAsync();
    }
}
