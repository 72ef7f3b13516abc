using MbcFhirEdu.Core.Population;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Data.Population;
using MbcFhirEdu.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static MbcFhirEdu.Data.Tests.Population.Fhir;

namespace MbcFhirEdu.Data.Tests.Population;

/// <summary>The population run over its storage (SQLite and PostgreSQL), with an in-memory Bulk Data server.</summary>
public abstract class PopulationRunnerTests(TestDatabase database)
{
    // Each test has its own FHIR base, so its runs, staging, snapshots and entries are its own in the shared database.
    private readonly Uri _base = new($"http://localhost/fhir-{Guid.NewGuid():N}/");

    private PopulationRunner Runner(FakeBulkClient client, int partitions = 4, int batchSize = 2) =>
        new(database.CreateFactory(), client, Options.Create(new PopulationOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(50), Partitions = partitions, BatchSize = batchSize, StagingBatchSize = 3,
            WaitDeadline = TimeSpan.FromMinutes(2),
        }), TimeProvider.System, NullLogger<PopulationRunner>.Instance);

    private FakeBulkClient Cohort() => new(_base)
    {
        Files =
        [
            ("Patient", Lines(Patient("p1"), Patient("p2"), Patient("p3"))),
            ("Condition", Lines(BreastPrimary("p1"), Liver("p1"), BreastPrimary("p2"))),
            ("Condition", Lines(BreastPrimary("p3"), Bone("p3"))),
            ("Observation", Lines(Er("p1", positive: true), Er("p2", positive: true))),
        ],
    };

    private PopulationRunRequest Request(DateTimeOffset? since = null) => new(_base, "cohort", since);

    private async Task<List<WorklistEntryRecord>> EntriesAsync(bool open = true)
    {
        await using var db = await database.CreateFactory().CreateDbContextAsync();
        var fhirBase = _base.AbsoluteUri;
        return await db.WorklistEntries.Where(e => e.FhirBase == fhirBase && (!open || e.ClosedAt == null))
            .OrderBy(e => e.PatientId).ThenBy(e => e.Reason).ThenBy(e => e.Detail).ToListAsync();
    }

    private static string Describe(IEnumerable<WorklistEntryRecord> entries) =>
        string.Join("; ", entries.Select(e => $"{e.PatientId}:{(WorklistReason)e.Reason}:{e.Detail}"));

    [Fact]
    public async Task A_cohort_export_becomes_a_worklist_of_the_metastatic_patients_with_nothing_sent()
    {
        var client = Cohort();

        var summary = await Runner(client).RunAsync(Request(), CancellationToken.None);

        Assert.Equal("completed", summary.Status);
        Assert.Equal(4, summary.FilesProcessed);
        Assert.Equal(3, summary.PatientsProcessed);
        Assert.Equal(10, summary.ResourcesRead);
        Assert.Equal("p1:NoMaterialsSent:no materials sent yet; p3:NoMaterialsSent:no materials sent yet", Describe(await EntriesAsync()));
        Assert.Equal(2, summary.EntriesByReason["NoMaterialsSent"]);
        var kickOff = Assert.Single(client.KickOffs);
        Assert.Null(kickOff.Since);
        Assert.Equal("cohort", kickOff.GroupId);
        Assert.Equal([new Uri(_base, "$export-status/job1")], client.Deleted);
    }

    [Fact]
    public async Task Running_the_same_export_again_changes_nothing()
    {
        var client = Cohort();
        await Runner(client).RunAsync(Request(), CancellationToken.None);
        var before = await EntriesAsync(open: false);

        var again = await Runner(client).RunAsync(Request(), CancellationToken.None);

        Assert.Equal("completed", again.Status);
        Assert.Equal(3, again.PatientsProcessed);
        Assert.Equal(0, again.WorklistEntriesAdded);
        Assert.Equal(before.Select(e => e.Id), (await EntriesAsync(open: false)).Select(e => e.Id));
    }

    [Fact]
    public async Task An_incremental_export_is_merged_with_the_stored_record_so_only_the_changed_patient_is_listed()
    {
        var client = Cohort();
        await Runner(client).RunAsync(Request(), CancellationToken.None);
        // Only p2's new liver metastasis changed: its breast primary is not in this export, but it is on record.
        client.Files = [("Condition", Lines(Liver("p2", onset: "2026-12-02")))];
        client.TransactionTime = client.TransactionTime.AddDays(2);

        var summary = await Runner(client).RunAsync(Request(), CancellationToken.None);

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), client.KickOffs[1].Since);
        Assert.Equal(1, summary.PatientsProcessed);
        Assert.Equal(
            "p1:NoMaterialsSent:no materials sent yet; p2:NoMaterialsSent:no materials sent yet; p2:MetastaticNewlyRecorded:metastatic disease newly recorded on 2026-12-02; p2:NewSite:new site: liver on 2026-12-02; p3:NoMaterialsSent:no materials sent yet",
            Describe(await EntriesAsync()));
    }

    [Fact]
    public async Task A_patient_first_seen_in_an_incremental_export_is_not_compared_and_the_next_run_is_full()
    {
        var client = Cohort();
        await Runner(client).RunAsync(Request(), CancellationToken.None);
        client.Files = [("Condition", Lines(Liver("p9")))];

        var summary = await Runner(client).RunAsync(Request(), CancellationToken.None);
        client.Files = [("Patient", Lines(Patient("p9"))), ("Condition", Lines(BreastPrimary("p9"), Liver("p9")))];
        var next = await Runner(client).RunAsync(Request(), CancellationToken.None);

        Assert.Contains(summary.Warnings, w => w.StartsWith("Patient/p9: first seen in an incremental export", StringComparison.Ordinal));
        Assert.NotNull(client.KickOffs[1].Since);
        Assert.Null(client.KickOffs[2].Since);
        Assert.Equal(1, next.WorklistEntriesAdded);
        Assert.Contains(await EntriesAsync(), e => e.PatientId == "p9" && e.Reason == (int)WorklistReason.NoMaterialsSent);
    }

    [Fact]
    public async Task An_open_entry_with_the_same_reason_and_detail_is_not_added_twice()
    {
        var client = Cohort();
        await Runner(client).RunAsync(Request(), CancellationToken.None);
        // p1's record changes (a new ER result) but nothing was sent yet: the same "no materials sent yet" stays one entry.
        client.Files = [("Observation", Lines(Er("p1", positive: true, id: "er2", date: "2026-10-01")))];

        var summary = await Runner(client).RunAsync(Request(), CancellationToken.None);

        Assert.Equal(1, summary.PatientsProcessed);
        Assert.Equal(0, summary.WorklistEntriesAdded);
        Assert.Single(await EntriesAsync(), e => e.PatientId == "p1");
    }

    [Fact]
    public async Task A_patient_with_a_material_sent_is_not_listed_as_nothing_sent()
    {
        await SendAsync("p3");

        await Runner(Cohort()).RunAsync(Request(), CancellationToken.None);

        Assert.Equal("p1:NoMaterialsSent:no materials sent yet", Describe(await EntriesAsync()));
    }

    [Fact]
    public async Task A_receptor_change_is_listed_with_its_evidence()
    {
        var client = Cohort();
        await Runner(client).RunAsync(Request(), CancellationToken.None);
        client.Files = [("Observation", Lines(Er("p1", positive: false, id: "er-met", date: "2026-11-01")))];

        await Runner(client).RunAsync(Request(), CancellationToken.None);

        var p1 = (await EntriesAsync()).Where(e => e.PatientId == "p1").ToList();
        Assert.Equal("p1:NoMaterialsSent:no materials sent yet; p1:ReceptorChange:receptor change: ER positive -> negative", Describe(p1));
        Assert.Contains("er:negative: Observation/er-met-p1 (2026-11-01)", Assert.Single(p1, e => e.Reason == (int)WorklistReason.ReceptorChange).EvidenceJson);
    }

    [Fact]
    public async Task A_patient_recorded_as_deceased_closes_the_patients_other_open_entries()
    {
        var client = Cohort();
        await Runner(client).RunAsync(Request(), CancellationToken.None);
        client.Files = [("Patient", Lines(Patient("p1", deceased: true)))];

        await Runner(client).RunAsync(Request(), CancellationToken.None);

        var p1 = (await EntriesAsync(open: false)).Where(e => e.PatientId == "p1").ToList();
        Assert.Equal("p1:Deceased:deceased - close open items", Describe(p1.Where(e => e.ClosedAt is null)));
        Assert.NotNull(Assert.Single(p1, e => e.Reason == (int)WorklistReason.NoMaterialsSent).ClosedAt);
    }

    [Fact]
    public async Task A_run_killed_half_way_resumes_the_same_export_from_the_files_not_yet_processed()
    {
        var client = Cohort();
        using var kill = new CancellationTokenSource();
        client.BeforeOpen = n => { if (n == 3) kill.Cancel(); };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Runner(client).RunAsync(Request(), kill.Token));
        client.BeforeOpen = null;
        var opensBefore = client.Opens;

        var resumed = await Runner(client).RunAsync(Request(), CancellationToken.None);

        Assert.Equal("completed", resumed.Status);
        Assert.Single(client.KickOffs);
        Assert.Equal(2, resumed.FilesProcessed); // the third file (cancelled while opening) and the fourth
        Assert.Equal(opensBefore + 2, client.Opens);
        Assert.Equal("p1:NoMaterialsSent:no materials sent yet; p3:NoMaterialsSent:no materials sent yet", Describe(await EntriesAsync()));
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_fails_the_run_and_nothing_is_compared()
    {
        var client = Cohort();
        client.Broken.Add("file3.ndjson");

        var summary = await Runner(client).RunAsync(Request(), CancellationToken.None);

        Assert.Equal("failed", summary.Status);
        Assert.Equal(1, summary.FilesFailed);
        Assert.Contains(summary.Errors, e => e.Contains("could not be read", StringComparison.Ordinal));
        Assert.Empty(await EntriesAsync());
        await using var db = await database.CreateFactory().CreateDbContextAsync();
        var fhirBase = _base.AbsoluteUri;
        Assert.False(await db.PatientSnapshots.AnyAsync(s => s.FhirBase == fhirBase));
    }

    [Fact]
    public async Task A_full_export_removes_staged_resources_it_no_longer_holds_but_not_when_it_has_error_files()
    {
        var client = Cohort();
        await Runner(client).RunAsync(Request(), CancellationToken.None);
        var dropped = client.Files.Select(f => (f.Type, f.Content.Replace(Liver("p1") + "\n", "", StringComparison.Ordinal))).ToList();

        client.Files = dropped;
        client.ErrorFiles = [("OperationOutcome", Lines(Outcome("some Conditions could not be exported")))];
        var withErrors = await Runner(client).RunAsync(Request() with { FullExport = true }, CancellationToken.None);
        var keptWithErrors = await StagedAsync("p1", "Condition");
        client.ErrorFiles = [];
        await Runner(client).RunAsync(Request() with { FullExport = true }, CancellationToken.None);

        Assert.Contains(withErrors.Warnings, w => w.Contains("some Conditions could not be exported", StringComparison.Ordinal));
        Assert.Null(client.KickOffs[1].Since);
        Assert.Equal(2, keptWithErrors);
        Assert.Equal(1, await StagedAsync("p1", "Condition"));
    }

    [Fact]
    public async Task Two_workers_split_the_files_and_make_the_same_worklist_as_one()
    {
        var single = Cohort();
        await Runner(single).RunAsync(Request(), CancellationToken.None);
        var expected = Describe(await EntriesAsync());
        var other = new PopulationRunnerTestsBase(database);
        var client = new FakeBulkClient(other.Base) { Files = single.Files };

        var summaries = await Task.WhenAll(
            Task.Run(() => Runner(client).RunAsync(new PopulationRunRequest(other.Base, "cohort", null, 0, 2), CancellationToken.None)),
            Task.Run(() => Runner(client).RunAsync(new PopulationRunRequest(other.Base, "cohort", null, 1, 2), CancellationToken.None)));

        Assert.All(summaries, s => Assert.Equal("completed", s.Status));
        Assert.Equal(summaries[0].RunId, summaries[1].RunId);
        Assert.Single(client.KickOffs);
        Assert.Equal(4, summaries.Sum(s => s.FilesProcessed));
        Assert.Equal(3, summaries.Sum(s => s.PatientsProcessed));
        Assert.Equal(expected, Describe(await other.EntriesAsync()));
    }

    [Fact]
    public async Task The_worklist_store_pages_filters_by_reason_and_closes_an_entry_once()
    {
        var client = Cohort();
        await Runner(client).RunAsync(Request(), CancellationToken.None);
        client.Files = [("Condition", Lines(Liver("p3", onset: "2026-12-03")))];
        await Runner(client).RunAsync(Request(), CancellationToken.None);
        var store = new WorklistStore(database.CreateFactory(), TimeProvider.System);
        var mine = (await EntriesAsync()).Select(e => e.Id).ToHashSet();

        var newSites = await store.ListAsync(new WorklistQuery(WorklistReason.NewSite, 1, WorklistStore.MaxPageSize), CancellationToken.None);
        var site = Assert.Single(newSites.Items, i => mine.Contains(i.Id));
        var closed = await store.CloseAsync(site.Id, "Practitioner/c", CancellationToken.None);
        var closedAgain = await store.CloseAsync(site.Id, "Practitioner/c", CancellationToken.None);
        var found = await store.FindAsync(site.Id, CancellationToken.None);
        var open = await store.ListAsync(new WorklistQuery(WorklistReason.NewSite, 1, WorklistStore.MaxPageSize), CancellationToken.None);
        var all = await store.ListAsync(new WorklistQuery(WorklistReason.NewSite, 1, WorklistStore.MaxPageSize, IncludeClosed: true), CancellationToken.None);

        Assert.Equal("new site: liver on 2026-12-03", site.Detail);
        Assert.Equal("p3", site.PatientId);
        Assert.Equal(_base, site.FhirBase);
        Assert.Contains("site:liver: Condition/liver-p3 (2026-12-03)", site.Evidence);
        Assert.True(closed);
        Assert.False(closedAgain);
        Assert.NotNull(found!.ClosedAt);
        Assert.DoesNotContain(open.Items, i => i.Id == site.Id);
        Assert.Contains(all.Items, i => i.Id == site.Id);
        Assert.All(newSites.Items, i => Assert.Equal(WorklistReason.NewSite, i.Reason));
    }

    private async Task SendAsync(string patient)
    {
        await using var db = await database.CreateFactory().CreateDbContextAsync();
        db.Deliveries.Add(new DeliveryRecord
        {
            Id = Guid.NewGuid(), IdempotencyKey = Guid.NewGuid().ToString(), Issuer = _base.AbsoluteUri, Caller = "Practitioner/c",
            PatientId = patient, MaterialId = "m", Language = "en", Sender = "Practitioner/c", Status = DeliveryStatus.Delivered,
        });
        await db.SaveChangesAsync();
    }

    private async Task<int> StagedAsync(string patient, string type)
    {
        await using var db = await database.CreateFactory().CreateDbContextAsync();
        var fhirBase = _base.AbsoluteUri;
        return await db.PopulationStaging.CountAsync(s => s.FhirBase == fhirBase && s.PatientId == patient && s.ResourceType == type);
    }

    /// <summary>A second FHIR base in the same database (for comparing two set-ups side by side).</summary>
    private sealed class PopulationRunnerTestsBase(TestDatabase database)
    {
        public Uri Base { get; } = new($"http://localhost/fhir-{Guid.NewGuid():N}/");

        public async Task<List<WorklistEntryRecord>> EntriesAsync()
        {
            await using var db = await database.CreateFactory().CreateDbContextAsync();
            var fhirBase = Base.AbsoluteUri;
            return await db.WorklistEntries.Where(e => e.FhirBase == fhirBase && e.ClosedAt == null)
                .OrderBy(e => e.PatientId).ThenBy(e => e.Reason).ThenBy(e => e.Detail).ToListAsync();
        }
    }
}

public sealed class SqlitePopulationRunnerTests(SqliteTestDatabase database) : PopulationRunnerTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresPopulationRunnerTests(PostgresTestDatabase database) : PopulationRunnerTests(database), IClassFixture<PostgresTestDatabase>;
