using System.Text.Json;
using MbcFhirEdu.Data.Audit;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.WriteBack;
using MbcFhirEdu.Sandbox;
using MbcFhirEdu.Tests.Shared;
using MbcFhirEdu.Web.Features.Deliveries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MbcFhirEdu.Web.Tests.Persistence;

/// <summary>
/// Deliveries end to end against the sandbox EHR (real HTTP handling in the same process): the outbox, retries,
/// permanent failures, a restart mid-send, conditional create. Run on SQLite and PostgreSQL.
/// </summary>
public abstract class DeliveryTests(TestDatabase database)
{
    [Fact]
    public async Task A_delivery_is_written_once_as_the_profiled_Communication_and_audited()
    {
        await using var app = await DeliveryHarness.StartWithLaunchAsync(database);
        var created = await app.Deliveries.CreateAsync(app.Request(), Guid.NewGuid().ToString(), CancellationToken.None);
        Assert.Equal(DeliveryCreateStatus.Created, created.Status);
        // Outbox: the row is committed (Pending) before anything is sent.
        Assert.Equal(DeliveryStatus.Pending, (await app.Store.GetAsync(created.Delivery!.Id, CancellationToken.None))!.Status);
        Assert.Empty(app.Communications(created.Delivery.Id));

        var done = await app.RunUntilSettledAsync(created.Delivery.Id);

        Assert.Equal(DeliveryStatus.Delivered, done.Status);
        Assert.Equal(1, done.Attempts);
        Assert.NotNull(done.DeliveredAt);
        var stored = Assert.Single(app.Communications(created.Delivery.Id));
        Assert.Equal(stored.Id, done.EhrCommunicationId);
        var json = stored.Json;
        Assert.Equal("completed", json.GetProperty("status").GetString());
        Assert.Equal("instruction", json.GetProperty("category")[0].GetProperty("coding")[0].GetProperty("code").GetString());
        Assert.Equal(DeliveryCommunication.CategorySystem, json.GetProperty("category")[0].GetProperty("coding")[0].GetProperty("system").GetString());
        Assert.Equal("Patient/" + DeliveryHarness.Patient, json.GetProperty("subject").GetProperty("reference").GetString());
        Assert.Equal("Patient/" + DeliveryHarness.Patient, json.GetProperty("recipient")[0].GetProperty("reference").GetString());
        Assert.Equal(app.Session.FhirUser, json.GetProperty("sender").GetProperty("reference").GetString());
        var identifier = json.GetProperty("identifier")[0];
        Assert.Equal(DeliveryCommunication.DeliveryIdSystem, identifier.GetProperty("system").GetString());
        Assert.Equal(created.Delivery.Id.ToString("D"), identifier.GetProperty("value").GetString());
        var attachment = json.GetProperty("payload")[0].GetProperty("contentAttachment");
        Assert.Equal($"http://localhost/app/materials/bone-metastases?lang=en&delivery={created.Delivery.Id:D}", attachment.GetProperty("url").GetString());
        Assert.Equal("text/html", attachment.GetProperty("contentType").GetString());
        Assert.Equal("en", attachment.GetProperty("language").GetString());
        Assert.False(string.IsNullOrWhiteSpace(attachment.GetProperty("title").GetString()));
        Assert.Contains("Please read before Tuesday.", json.GetProperty("payload")[1].GetProperty("contentString").GetString());

        await using var db = await database.CreateFactory().CreateDbContextAsync();
        var audit = await db.AuditEvents.Where(a => a.EntityId == created.Delivery.Id.ToString("D")).ToListAsync();
        var row = Assert.Single(audit);
        Assert.Equal((AuditActions.DeliverySend, "success", app.Session.FhirUser, DeliveryHarness.Patient), (row.Action, row.Outcome, row.Actor, row.PatientId));
    }

    [Fact]
    public async Task Fifty_concurrent_creates_with_one_key_make_one_delivery_and_one_Communication()
    {
        await using var app = await DeliveryHarness.StartWithLaunchAsync(database);
        var key = "same-" + Guid.NewGuid();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => app.Deliveries.CreateAsync(app.Request(), key, CancellationToken.None))));

        var id = Assert.Single(outcomes.Select(o => o.Delivery!.Id).Distinct());
        Assert.Single(outcomes, o => o.Status == DeliveryCreateStatus.Created);
        Assert.Equal(49, outcomes.Count(o => o.Status == DeliveryCreateStatus.Existing));
        // Two passes race for it (as two replicas would).
        await Task.WhenAll(app.Worker.RunOnceAsync(CancellationToken.None), app.Worker.RunOnceAsync(CancellationToken.None));
        var done = await app.RunUntilSettledAsync(id);
        Assert.Equal(DeliveryStatus.Delivered, done.Status);
        Assert.Equal(1, done.Attempts);
        Assert.Single(app.Communications(id));
    }

    [Fact]
    public async Task The_EHR_failing_the_first_three_writes_is_retried_with_backoff_and_delivers_once()
    {
        await using var app = await DeliveryHarness.StartWithLaunchAsync(database);
        app.Faults.FailNext(3, 503, target: FaultTarget.CommunicationWrite);
        var created = await app.Deliveries.CreateAsync(app.Request(), Guid.NewGuid().ToString(), CancellationToken.None);

        var done = await app.RunUntilSettledAsync(created.Delivery!.Id);

        Assert.Equal(DeliveryStatus.Delivered, done.Status);
        Assert.Equal(4, done.Attempts);
        Assert.Equal(3, app.Faults.InjectedFailures);
        Assert.Single(app.Communications(created.Delivery.Id));
    }

    [Fact]
    public async Task A_permanent_refusal_marks_the_delivery_failed_with_the_EHRs_OperationOutcome_text()
    {
        await using var app = await DeliveryHarness.StartWithLaunchAsync(database);
        app.Faults.FailNext(1, 422, target: FaultTarget.CommunicationWrite);
        var created = await app.Deliveries.CreateAsync(app.Request(), Guid.NewGuid().ToString(), CancellationToken.None);

        var done = await app.RunUntilSettledAsync(created.Delivery!.Id);

        Assert.Equal(DeliveryStatus.Failed, done.Status);
        Assert.Equal(1, done.Attempts);
        Assert.Equal("fault injected by the sandbox", done.LastError);
        Assert.Empty(app.Communications(created.Delivery.Id));
        // Never claimed again.
        await app.Worker.RunOnceAsync(CancellationToken.None);
        var after = (await app.Store.GetAsync(created.Delivery.Id, CancellationToken.None))!;
        Assert.Equal((DeliveryStatus.Failed, 1), (after.Status, after.Attempts));
        await using var db = await database.CreateFactory().CreateDbContextAsync();
        Assert.Equal("failure", (await db.AuditEvents.SingleAsync(a => a.EntityId == created.Delivery.Id.ToString("D"))).Outcome);
    }

    [Fact]
    public async Task A_process_killed_mid_send_leaves_the_row_in_Sending_and_a_restarted_app_still_delivers_exactly_once()
    {
        await using var ehr = await DeliveryHarness.StartWithLaunchAsync(database);
        var created = await ehr.Deliveries.CreateAsync(ehr.Request(), Guid.NewGuid().ToString(), CancellationToken.None);
        var id = created.Delivery!.Id;

        // The first process claims the row with a short lease and gets its Communication into the EHR, then "dies"
        // before recording the result: the row stays in Sending.
        var claimed = (await ehr.Store.ClaimDueAsync("process-that-died", TimeSpan.FromSeconds(4), 500, CancellationToken.None)).Single(d => d.Id == id);
        await using (var scope = ehr.Services.CreateAsyncScope())
        {
            var fhir = scope.ServiceProvider.GetRequiredService<FhirRestClient>();
            var connection = await ehr.Services.GetRequiredService<IDeliveryTokenSource>().ConnectAsync(claimed, CancellationToken.None);
            var communication = DeliveryCommunication.Build(new DeliveryContent(id, claimed.PatientId, claimed.Sender, "Bones", "en",
                new Uri("http://localhost/materials/en/bone-metastases"), null, DateTimeOffset.UtcNow));
            var first = await fhir.CreateAsync(connection.Connection!, communication, DeliveryCommunication.IfNoneExist(id), CancellationToken.None);
            Assert.True(first.Succeeded);
            Assert.False(first.Existing);
        }
        Assert.Equal(DeliveryStatus.Sending, (await ehr.Store.GetAsync(id, CancellationToken.None))!.Status);

        // A new app instance (new host, new DI container, same database) talking to the same EHR, on a clock the test moves.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var restarted = DeliveryHarness.StartAnother(database, ehr, clock);
        // While the dead process's lease runs, the new instance leaves the row alone.
        await restarted.Worker.RunOnceAsync(CancellationToken.None);
        var held = (await restarted.Store.GetAsync(id, CancellationToken.None))!;
        Assert.Equal((DeliveryStatus.Sending, "process-that-died", 1), (held.Status, held.LeaseOwner, held.Attempts));
        // The lease runs out: moved past, not waited for.
        clock.SetUtcNow(held.LeaseUntil!.Value + TimeSpan.FromSeconds(1));
        var done = await restarted.RunUntilSettledAsync(id);

        Assert.Equal(DeliveryStatus.Delivered, done.Status);
        Assert.Equal(2, done.Attempts);
        var only = Assert.Single(ehr.Communications(id));
        Assert.Equal(only.Id, done.EhrCommunicationId);
        // Delivered rows are never claimed again, by either instance.
        await Task.Delay(400);
        await ehr.Worker.RunOnceAsync(CancellationToken.None);
        await restarted.Worker.RunOnceAsync(CancellationToken.None);
        Assert.Single(ehr.Communications(id));
        Assert.Equal(2, (await ehr.Store.GetAsync(id, CancellationToken.None))!.Attempts);
    }

    [Fact]
    public async Task The_sandbox_answers_a_repeated_conditional_create_with_the_first_Communication()
    {
        await using var app = await DeliveryHarness.StartWithLaunchAsync(database);
        var id = Guid.NewGuid();
        var communication = DeliveryCommunication.Build(new DeliveryContent(id, DeliveryHarness.Patient, app.Session.FhirUser!, "Bones", "en",
            new Uri("http://localhost/materials/en/bone-metastases"), null, DateTimeOffset.UtcNow));
        await using var scope = app.Services.CreateAsyncScope();
        var fhir = scope.ServiceProvider.GetRequiredService<FhirRestClient>();
        var connection = new FhirConnection(app.Session.Issuer, app.SessionId);

        var first = await fhir.CreateAsync(connection, communication, DeliveryCommunication.IfNoneExist(id), CancellationToken.None);
        var second = await fhir.CreateAsync(connection, communication, DeliveryCommunication.IfNoneExist(id), CancellationToken.None);
        var unconditional = await fhir.CreateAsync(connection, communication, null, CancellationToken.None);

        Assert.True(first.Succeeded && second.Succeeded && unconditional.Succeeded);
        Assert.False(first.Existing);
        Assert.True(second.Existing);
        Assert.Equal(first.Id, second.Id);
        Assert.NotEqual(first.Id, unconditional.Id);
        Assert.Equal(2, app.Communications(id).Count);
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_a_clear_message_and_nothing_is_recorded()
    {
        await using var app = await DeliveryHarness.StartWithLaunchAsync(database);
        var cases = new (DeliveryRequest Request, string Key, string Expected)[]
        {
            (app.Request(), "", "Idempotency-Key is required"),
            (app.Request(), new string('k', 201), "Idempotency-Key must be"),
            (app.Request(material: "no-such-material"), "k1", "no such material"),
            (app.Request(note: new string('n', 1001)), "k2", "note is longer"),
            (app.Request() with { Sender = "Patient/123" }, "k3", "Only a signed-in practitioner"),
            (app.Request() with { PatientId = "bad id!" }, "k4", "no patient in context"),
        };
        foreach (var (request, key, expected) in cases)
        {
            var outcome = await app.Deliveries.CreateAsync(request, key, CancellationToken.None);
            Assert.Equal(DeliveryCreateStatus.Invalid, outcome.Status);
            Assert.Contains(expected, outcome.Error, StringComparison.Ordinal);
        }
        var reused = "reused-" + Guid.NewGuid();
        await app.Deliveries.CreateAsync(app.Request(), reused, CancellationToken.None);
        var conflict = await app.Deliveries.CreateAsync(app.Request(material: "bone-emergency-signs"), reused, CancellationToken.None);
        Assert.Equal(DeliveryCreateStatus.KeyConflict, conflict.Status);
    }

    [Fact]
    public async Task The_patient_page_load_writes_one_audit_row_with_ids_only()
    {
        await using var app = await DeliveryHarness.StartWithLaunchAsync(database);
        await using var db = await database.CreateFactory().CreateDbContextAsync();
        var rows = await db.AuditEvents.Where(a => a.Action == AuditActions.PatientRead && a.Actor == app.Session.FhirUser && a.PatientId == DeliveryHarness.Patient).ToListAsync();
        // The launch ended on the page: one page load, one row.
        Assert.NotEmpty(rows);
        var before = rows.Count;
        var browser = app.Factory.NewBrowser();
        foreach (var (name, value) in app.Cookies) browser.SetCookie(name, value);
        await browser.GetHtmlAsync("/app");
        var after = await db.AuditEvents.CountAsync(a => a.Action == AuditActions.PatientRead && a.Actor == app.Session.FhirUser && a.PatientId == DeliveryHarness.Patient);
        Assert.Equal(before + 1, after);
        Assert.All(rows, r => Assert.Equal("success", r.Outcome));
    }
}

public sealed class SqliteDeliveryTests(SqliteTestDatabase database) : DeliveryTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresDeliveryTests(PostgresTestDatabase database) : DeliveryTests(database), IClassFixture<PostgresTestDatabase>;
