using MbcFhirEdu.Data.Audit;
using MbcFhirEdu.Data.Deliveries;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace MbcFhirEdu.Data.Tests;

/// <summary>The delivery store and outbox claims; run on SQLite and on a real PostgreSQL server.</summary>
public abstract class DeliveryStoreTests(TestDatabase database)
{
    private const string Issuer = "http://localhost/sandbox/fhir";

    private DeliveryStore NewStore(TimeProvider? time = null) => new(database.CreateFactory(), time ?? TimeProvider.System);

    private static NewDelivery Request(string patient, string material = "bone-mets-basics", string caller = "Practitioner/p1") =>
        new(Issuer, caller, patient, material, "en", "Read this before your visit.", caller, DeliveryTokenKind.UserSession, "protected-session");

    private static string NewPatient() => "pt-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task The_same_key_returns_the_same_delivery()
    {
        var store = NewStore();
        var patient = NewPatient();
        var first = await store.CreateAsync(Request(patient), "key-1", CancellationToken.None);
        var again = await store.CreateAsync(Request(patient), "key-1", CancellationToken.None);
        Assert.Equal(CreateDeliveryStatus.Created, first.Status);
        Assert.Equal(CreateDeliveryStatus.Existing, again.Status);
        Assert.Equal(first.Delivery.Id, again.Delivery.Id);
        Assert.Equal(DeliveryStatus.Pending, again.Delivery.Status);
        Assert.Single(await store.ListForPatientAsync(Issuer, patient, CancellationToken.None));
    }

    [Fact]
    public async Task The_senders_name_is_stored_with_the_delivery_cut_to_its_column_and_absent_when_not_given()
    {
        var store = NewStore();
        var patient = NewPatient();
        var named = await store.CreateAsync(Request(patient) with { SenderName = "Samuel Brightwater" }, "named", CancellationToken.None);
        var longName = new string('n', MbcEduDbContext.MaxSenderNameLength + 20);
        var cut = await store.CreateAsync(Request(patient, material: "other") with { SenderName = longName }, "long", CancellationToken.None);
        var unnamed = await store.CreateAsync(Request(patient, material: "third"), "unnamed", CancellationToken.None);

        var rows = (await store.ListForPatientAsync(Issuer, patient, CancellationToken.None)).ToDictionary(r => r.Id);
        Assert.Equal("Samuel Brightwater", rows[named.Delivery.Id].SenderName);
        Assert.Equal(longName[..MbcEduDbContext.MaxSenderNameLength], rows[cut.Delivery.Id].SenderName);
        Assert.Null(rows[unnamed.Delivery.Id].SenderName);
    }

    [Fact]
    public async Task The_key_is_scoped_by_caller_and_a_reused_key_for_another_request_is_told_apart()
    {
        var store = NewStore();
        var patient = NewPatient();
        var a = await store.CreateAsync(Request(patient, caller: "Practitioner/a"), "shared-key", CancellationToken.None);
        var b = await store.CreateAsync(Request(patient, caller: "Practitioner/b"), "shared-key", CancellationToken.None);
        Assert.Equal(CreateDeliveryStatus.Created, b.Status);
        Assert.NotEqual(a.Delivery.Id, b.Delivery.Id);

        var other = await store.CreateAsync(Request(patient, material: "another-material", caller: "Practitioner/a"), "shared-key", CancellationToken.None);
        Assert.Equal(CreateDeliveryStatus.KeyReusedForOtherRequest, other.Status);
        Assert.Equal(a.Delivery.Id, other.Delivery.Id);
    }

    [Fact]
    public async Task Fifty_concurrent_creates_with_one_key_make_exactly_one_delivery()
    {
        var patient = NewPatient();
        // Separate stores and factories: as separate requests (or replicas) would.
        var tasks = Enumerable.Range(0, 50).Select(_ => Task.Run(() => NewStore().CreateAsync(Request(patient), "concurrent-key", CancellationToken.None)));
        var results = await Task.WhenAll(tasks);

        Assert.Single(results.Select(r => r.Delivery.Id).Distinct());
        Assert.Single(results, r => r.Status == CreateDeliveryStatus.Created);
        await using var db = await database.CreateFactory().CreateDbContextAsync();
        Assert.Equal(1, await db.Deliveries.CountAsync(d => d.PatientId == patient));
    }

    [Fact]
    public async Task Listing_shows_only_that_patients_deliveries_newest_first()
    {
        var store = NewStore();
        var patient = NewPatient();
        var other = NewPatient();
        var first = await store.CreateAsync(Request(patient, "m-one"), Guid.NewGuid().ToString(), CancellationToken.None);
        await Task.Delay(5);
        var second = await store.CreateAsync(Request(patient, "m-two"), Guid.NewGuid().ToString(), CancellationToken.None);
        await store.CreateAsync(Request(other), Guid.NewGuid().ToString(), CancellationToken.None);

        var listed = await store.ListForPatientAsync(Issuer, patient, CancellationToken.None);
        Assert.Equal([second.Delivery.Id, first.Delivery.Id], listed.Select(d => d.Id));
        Assert.Empty(await store.ListForPatientAsync("http://elsewhere.example/fhir", patient, CancellationToken.None));
    }

    [Fact]
    public async Task Two_workers_claiming_at_once_never_get_the_same_row_and_delivered_rows_are_never_claimed_again()
    {
        var store = NewStore();
        var patient = NewPatient();
        var ids = new HashSet<Guid>();
        for (var i = 0; i < 20; i++) ids.Add((await store.CreateAsync(Request(patient, $"m-{i}"), Guid.NewGuid().ToString(), CancellationToken.None)).Delivery.Id);

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(w =>
            Task.Run(() => NewStore().ClaimDueAsync($"worker-{w}", TimeSpan.FromMinutes(5), 100, CancellationToken.None))));
        var claimed = claims.SelectMany(c => c).Where(d => ids.Contains(d.Id)).ToList();
        Assert.Equal(claimed.Count, claimed.Select(d => d.Id).Distinct().Count());
        Assert.Equal(ids.Count, claimed.Count);
        Assert.All(claimed, d => Assert.Equal(DeliveryStatus.Sending, d.Status));
        Assert.All(claimed, d => Assert.Equal(1, d.Attempts));

        foreach (var d in claimed) Assert.True(await store.MarkDeliveredAsync(d.Id, d.LeaseOwner!, "comm-" + d.Id, CancellationToken.None));
        // Even far in the future (every lease long expired) nothing delivered comes back.
        var later = NewStore(new FixedClock(DateTimeOffset.UtcNow.AddDays(2)));
        var again = await later.ClaimDueAsync("worker-late", TimeSpan.FromMinutes(5), 1000, CancellationToken.None);
        Assert.DoesNotContain(again, d => ids.Contains(d.Id));
    }

    [Fact]
    public async Task A_row_left_in_Sending_is_reclaimed_only_after_its_lease_expires_and_the_old_owner_loses_it()
    {
        var now = DateTimeOffset.UtcNow;
        var clock = new FixedClock(now);
        var store = NewStore(clock);
        var patient = NewPatient();
        var created = await store.CreateAsync(Request(patient), Guid.NewGuid().ToString(), CancellationToken.None);
        var mine = (await store.ClaimDueAsync("dead-worker", TimeSpan.FromMinutes(2), 1000, CancellationToken.None)).Single(d => d.Id == created.Delivery.Id);

        clock.Now = now.AddMinutes(1);
        Assert.DoesNotContain(await store.ClaimDueAsync("other", TimeSpan.FromMinutes(2), 1000, CancellationToken.None), d => d.Id == mine.Id);

        clock.Now = now.AddMinutes(3);
        var retaken = (await store.ClaimDueAsync("other", TimeSpan.FromMinutes(2), 1000, CancellationToken.None)).Single(d => d.Id == mine.Id);
        Assert.Equal(2, retaken.Attempts);
        Assert.False(await store.MarkDeliveredAsync(mine.Id, "dead-worker", "comm-x", CancellationToken.None));
        Assert.True(await store.MarkDeliveredAsync(mine.Id, "other", "comm-y", CancellationToken.None));
        var final = await store.GetAsync(mine.Id, CancellationToken.None);
        Assert.Equal(DeliveryStatus.Delivered, final!.Status);
        Assert.Equal("comm-y", final.EhrCommunicationId);
    }

    [Fact]
    public async Task A_retry_is_not_claimed_before_it_is_due_and_a_failure_keeps_the_ehr_message()
    {
        var now = DateTimeOffset.UtcNow;
        var clock = new FixedClock(now);
        var store = NewStore(clock);
        var created = await store.CreateAsync(Request(NewPatient()), Guid.NewGuid().ToString(), CancellationToken.None);
        var claim = (await store.ClaimDueAsync("w", TimeSpan.FromMinutes(2), 1000, CancellationToken.None)).Single(d => d.Id == created.Delivery.Id);
        Assert.True(await store.ScheduleRetryAsync(claim.Id, "w", now.AddSeconds(30), "The FHIR server answered 503.", CancellationToken.None));
        Assert.DoesNotContain(await store.ClaimDueAsync("w", TimeSpan.FromMinutes(2), 1000, CancellationToken.None), d => d.Id == claim.Id);

        clock.Now = now.AddSeconds(31);
        var second = (await store.ClaimDueAsync("w", TimeSpan.FromMinutes(2), 1000, CancellationToken.None)).Single(d => d.Id == claim.Id);
        Assert.Equal("The FHIR server answered 503.", second.LastError);
        Assert.True(await store.MarkFailedAsync(claim.Id, "w", "Communication.sender: unknown practitioner", CancellationToken.None));
        clock.Now = now.AddDays(3);
        Assert.DoesNotContain(await store.ClaimDueAsync("w", TimeSpan.FromMinutes(2), 1000, CancellationToken.None), d => d.Id == claim.Id);
        var failed = await store.GetAsync(claim.Id, CancellationToken.None);
        Assert.Equal(DeliveryStatus.Failed, failed!.Status);
        Assert.Equal("Communication.sender: unknown practitioner", failed.LastError);
    }

    [Fact]
    public async Task A_view_counts_only_for_the_delivered_materials_own_patient()
    {
        var store = NewStore();
        var patient = NewPatient();
        var created = await store.CreateAsync(Request(patient), Guid.NewGuid().ToString(), CancellationToken.None);
        Assert.False(await store.RecordViewAsync(created.Delivery.Id, Issuer, patient, CancellationToken.None)); // not delivered yet

        var claim = (await store.ClaimDueAsync("w", TimeSpan.FromMinutes(2), 1000, CancellationToken.None)).Single(d => d.Id == created.Delivery.Id);
        await store.MarkDeliveredAsync(claim.Id, "w", "c1", CancellationToken.None);
        Assert.False(await store.RecordViewAsync(claim.Id, Issuer, NewPatient(), CancellationToken.None));
        Assert.True(await store.RecordViewAsync(claim.Id, Issuer, patient, CancellationToken.None));
        var opened = (await store.GetAsync(claim.Id, CancellationToken.None))!.FirstOpenedAt;
        Assert.NotNull(opened);
        await Task.Delay(10);
        Assert.True(await store.RecordViewAsync(claim.Id, Issuer, patient, CancellationToken.None));
        Assert.Equal(opened, (await store.GetAsync(claim.Id, CancellationToken.None))!.FirstOpenedAt);
        await using var db = await database.CreateFactory().CreateDbContextAsync();
        Assert.Equal(2, await db.DeliveryViews.CountAsync(v => v.DeliveryId == claim.Id));
    }

    [Fact]
    public async Task Audit_rows_are_written_with_ids_only_and_read_back_in_order_across_pages()
    {
        var log = new AuditLog(database.CreateFactory(), TimeProvider.System);
        var patient = NewPatient();
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        for (var i = 0; i < 7; i++)
            await log.WriteAsync(new AuditEntry(AuditActions.PatientRead, i % 3 != 0, "Practitioner/p" + i, Issuer, patient), CancellationToken.None);
        var rows = new List<AuditRecord>();
        await foreach (var row in log.ReadAllAsync(start, CancellationToken.None, pageSize: 3)) if (row.PatientId == patient) rows.Add(row);
        Assert.Equal(7, rows.Count);
        Assert.Equal(rows.OrderBy(r => r.Id).Select(r => r.Id), rows.Select(r => r.Id));
        Assert.Equal(["failure", "success", "success", "failure", "success", "success", "failure"], rows.Select(r => r.Outcome));
        Assert.All(rows, r => Assert.Equal(AuditActions.PatientRead, r.Action));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}

public sealed class SqliteDeliveryStoreTests(SqliteTestDatabase database) : DeliveryStoreTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresDeliveryStoreTests(PostgresTestDatabase database) : DeliveryStoreTests(database), IClassFixture<PostgresTestDatabase>;
