using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MbcFhirEdu.Data.Audit;
using MbcFhirEdu.Data.Deliveries;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Fhir.WriteBack;
using MbcFhirEdu.Sandbox;
using MbcFhirEdu.Sandbox.Features.Fhir;
using MbcFhirEdu.Tests.Shared;
using MbcFhirEdu.Web.Features.Coordinator;
using MbcFhirEdu.Web.Features.Deliveries;
using MbcFhirEdu.Web.Features.Materials;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Web.Tests.Coordinator;

/// <summary>
/// Sending from the coordinator workspace through the real form (antiforgery token, per-render form id) against the
/// in-process sandbox EHR; the outbox worker is off and its passes are run by the test, so nothing races. Then the
/// patient's "From your care team", view tracking, and who may do what. Run on SQLite and PostgreSQL.
/// </summary>
public abstract partial class CoordinatorSendTests(TestDatabase database)
{
    private const string Practitioner = "coord-brightwater";
    private const string SenderName = "Samuel Brightwater"; // the sandbox's Practitioner/coord-brightwater
    private static readonly string Issuer = new Uri(WebAppFactory.Issuer).AbsoluteUri;

    [Fact]
    public async Task Send_two_through_the_form_patient_sees_them_first_opens_one_and_the_workspace_shows_it_opened()
    {
        const string patient = "her2-low-ihc1-akt1";
        await using var app = NewApp();
        var coordinator = app.NewBrowser();
        var form = SendForm.Read(await coordinator.GetHtmlAsync(CoordinatorUrl(patient)));
        Assert.True(form.Materials.Count >= 2);
        var chosen = form.Materials.Take(2).ToList();
        const string note = "Please read these <b>before</b> Tuesday & call us with questions.";

        using var posted = await coordinator.PostFormAsync(CoordinatorEndpoints.SendPath, Fields(form, chosen, note));
        // Post/Redirect/Get back to the workspace with the result.
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var location = posted.Headers.Location!.OriginalString;
        Assert.Matches("^/coordinator/l/[A-Za-z0-9_-]{43}\\?", location); // back to this launch's own workspace
        var result = await coordinator.GetHtmlAsync(location);
        Assert.Contains("Sent 2 materials.", result);
        Assert.Equal(2, Html.Count(result, "class=\"delivery-row status-pending\""));
        Assert.Equal(2, Html.Count(result, "Not opened yet"));

        var rows = await SettleAsync(app, patient, expected: 2);
        Assert.All(rows, r => Assert.Equal(DeliveryStatus.Delivered, r.Status));
        Assert.Equal(chosen.Order(), rows.Select(r => r.MaterialId).Order());
        Assert.All(rows, r => Assert.Equal(note, r.Note));
        // The sender's name from their Practitioner resource, read with the session's token when they sent (issue 20).
        Assert.All(rows, r => Assert.Equal(SenderName, r.SenderName));

        // The patient's own portal launch: the two come first, under "From your care team", with the note as text.
        var patientBrowser = app.NewBrowser();
        var page = await Launches.AsPatientAsync(patientBrowser, patient);
        var careTeam = CareTeam(page);
        Assert.Contains("<h2 id=\"care-team-heading\">From your care team</h2>", careTeam);
        Assert.Equal(chosen.Order(), CareTeamMaterials(careTeam).Order());
        Assert.True(page.IndexOf("class=\"care-team\"", StringComparison.Ordinal) < page.IndexOf("<section class=\"group", StringComparison.Ordinal));
        // The note is written once for the two materials it came with, not under each (issue 20).
        Assert.Equal(1, Html.Count(careTeam, "Please read these &lt;b&gt;before&lt;/b&gt; Tuesday &amp; call us with questions."));
        Assert.DoesNotContain("<b>before</b>", page);
        var spanish = CareTeam(await patientBrowser.GetHtmlAsync("/app?lang=es"));
        Assert.Contains("De su equipo de atención", spanish);
        Assert.Equal(2, CareTeamMaterials(spanish).Count);

        // The patient opens the first one from the page.
        var opened = rows.Single(r => r.MaterialId == chosen[0]);
        // The section is shared by the patient's sessions; its links are put in this launch's own address per request.
        var link = $"{Html.AppPath(page)}/materials/{opened.MaterialId}?lang={opened.Language}&delivery={opened.Id:D}";
        Assert.Contains($"href=\"{link.Replace("&", "&amp;", StringComparison.Ordinal)}\"", careTeam);
        await patientBrowser.GetHtmlAsync(link);

        var history = await coordinator.GetHtmlAsync("/coordinator");
        Assert.Matches(@"Opened on <time datetime=""\d{4}-\d\d-\d\dT", Html.HistoryRow(history, opened.Id));
        Assert.Contains("Not opened yet", Html.HistoryRow(history, rows.Single(r => r.MaterialId == chosen[1]).Id));
        Assert.Contains(">Delivered<", Html.HistoryRow(history, opened.Id));
        // "By" names the sender by name (issue 20), never as the fhirUser URL.
        Assert.Contains($"<td>{SenderName} (you)</td>", Html.HistoryRow(history, opened.Id));
        Assert.DoesNotContain("/Practitioner/" + Practitioner, Html.HistoryRow(history, opened.Id));

        // The EHR holds exactly two Communications for this patient, one per delivery, with the profiled content.
        var communications = Communications(app, patient);
        Assert.Equal(2, communications.Count);
        var library = app.Services.GetRequiredService<MaterialLibrary>();
        foreach (var row in rows)
        {
            var json = Assert.Single(communications, c => c.GetProperty("identifier")[0].GetProperty("value").GetString() == row.Id.ToString("D"));
            Assert.Equal("completed", json.GetProperty("status").GetString());
            var coding = json.GetProperty("category")[0].GetProperty("coding")[0];
            Assert.Equal(("instruction", DeliveryCommunication.CategorySystem), (coding.GetProperty("code").GetString(), coding.GetProperty("system").GetString()));
            Assert.Equal("Patient/" + patient, json.GetProperty("subject").GetProperty("reference").GetString());
            Assert.Equal("Patient/" + patient, json.GetProperty("recipient")[0].GetProperty("reference").GetString());
            Assert.EndsWith("Practitioner/" + Practitioner, json.GetProperty("sender").GetProperty("reference").GetString(), StringComparison.Ordinal);
            Assert.Equal(DeliveryCommunication.DeliveryIdSystem, json.GetProperty("identifier")[0].GetProperty("system").GetString());
            var attachment = json.GetProperty("payload")[0].GetProperty("contentAttachment");
            Assert.Equal(library.Catalog.Find(row.MaterialId, row.Language)!.Title, attachment.GetProperty("title").GetString());
            Assert.Equal(row.Language, attachment.GetProperty("language").GetString());
            Assert.Equal($"http://localhost/app/materials/{row.MaterialId}?lang={row.Language}&delivery={row.Id:D}", attachment.GetProperty("url").GetString());
            Assert.Contains(note, json.GetProperty("payload")[1].GetProperty("contentString").GetString(), StringComparison.Ordinal);
            Assert.Equal(row.EhrCommunicationId, json.GetProperty("id").GetString());
        }

        // Audit: one request row per delivery and one view row, ids only.
        await using var db = await database.CreateFactory().CreateDbContextAsync();
        var ids = rows.Select(r => r.Id.ToString("D")).ToList();
        var audit = await db.AuditEvents.Where(a => a.EntityId != null && ids.Contains(a.EntityId)).ToListAsync();
        Assert.Equal(2, audit.Count(a => a.Action == AuditActions.DeliveryRequest && a.Outcome == "success" && a.PatientId == patient && a.Actor!.EndsWith(Practitioner, StringComparison.Ordinal)));
        var view = Assert.Single(audit, a => a.Action == AuditActions.DeliveryView);
        Assert.Equal(("success", opened.Id.ToString("D"), patient), (view.Outcome, view.EntityId, view.PatientId));
        Assert.EndsWith("Patient/" + patient, view.Actor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_without_the_antiforgery_token_or_with_another_browsers_token_is_refused_and_nothing_is_recorded()
    {
        const string patient = "tnbc-pdl1-leptomeninges";
        await using var app = NewApp();
        var coordinator = app.NewBrowser();
        var form = SendForm.Read(await coordinator.GetHtmlAsync(CoordinatorUrl(patient)));
        var other = app.NewBrowser();
        var otherForm = SendForm.Read(await other.GetHtmlAsync(CoordinatorUrl(patient)));

        using var missing = await coordinator.PostFormAsync(CoordinatorEndpoints.SendPath, Fields(form, form.Materials.Take(1), null, token: null));
        using var foreign = await coordinator.PostFormAsync(CoordinatorEndpoints.SendPath, Fields(form, form.Materials.Take(1), null, token: otherForm.Token));

        foreach (var refused in new[] { missing, foreign })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("did not come from the workspace", await refused.Content.ReadAsStringAsync());
        }
        Assert.Empty(await Deliveries(app, patient));
        // The same form with its own token goes through: the refusals were the token's doing.
        using var accepted = await coordinator.PostFormAsync(CoordinatorEndpoints.SendPath, Fields(form, form.Materials.Take(1), null));
        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
        Assert.Single(await Deliveries(app, patient));
    }

    [Fact]
    public async Task A_patient_session_posting_to_the_send_route_gets_403_and_nothing_is_created()
    {
        const string patient = "her2-positive-brain";
        await using var app = NewApp();
        var coordinator = app.NewBrowser();
        var form = SendForm.Read(await coordinator.GetHtmlAsync(CoordinatorUrl(patient)));
        var patientBrowser = app.NewBrowser();
        await Launches.AsPatientAsync(patientBrowser, patient);
        // Even with a valid antiforgery pair (taken from the coordinator's browser) the patient's session is refused.
        patientBrowser.SetCookie("mbcedu-antiforgery", coordinator.Cookies["mbcedu-antiforgery"]);

        using var refused = await patientBrowser.PostFormAsync(CoordinatorEndpoints.SendPath, Fields(form, form.Materials.Take(2), "hi"));
        using var anonymous = await app.NewBrowser().PostFormAsync(CoordinatorEndpoints.SendPath, Fields(form, form.Materials.Take(2), "hi"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("This page is for the care team", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Empty(await Deliveries(app, patient));
        Assert.Empty(Communications(app, patient));
    }

    [Fact]
    public async Task Submitting_the_same_form_twice_makes_two_deliveries_not_four_and_a_new_render_sends_again()
    {
        const string patient = "lobular-ovary-peritoneum";
        await using var app = NewApp();
        var coordinator = app.NewBrowser();
        var form = SendForm.Read(await coordinator.GetHtmlAsync(CoordinatorUrl(patient)));
        var fields = Fields(form, form.Materials.Take(2), "See you Monday.");

        var posts = await Task.WhenAll(coordinator.PostFormAsync(CoordinatorEndpoints.SendPath, fields), coordinator.PostFormAsync(CoordinatorEndpoints.SendPath, fields));
        using var third = await coordinator.PostFormAsync(CoordinatorEndpoints.SendPath, fields);

        Assert.All(posts.Append(third), p => Assert.Equal(HttpStatusCode.SeeOther, p.StatusCode));
        Assert.Contains("sent=0&again=2", third.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("2 materials from this form had already been sent", await coordinator.GetHtmlAsync(third.Headers.Location.OriginalString));
        await SettleAsync(app, patient, expected: 2);
        Assert.Equal(2, Communications(app, patient).Count);

        // A fresh workspace is a new form: sending the same material from it is a new, deliberate send.
        var again = SendForm.Read(await coordinator.GetHtmlAsync("/coordinator"));
        Assert.NotEqual(form.Nonce, again.Nonce);
        using var resend = await coordinator.PostFormAsync(CoordinatorEndpoints.SendPath, Fields(again, form.Materials.Take(1), null));
        Assert.Equal(HttpStatusCode.SeeOther, resend.StatusCode);
        Assert.Equal(3, (await Deliveries(app, patient)).Count);
        foreach (var p in posts) p.Dispose();
    }

    [Fact]
    public async Task A_note_that_is_too_long_gets_a_clear_error_and_keeps_what_was_chosen_and_written()
    {
        const string patient = "receptor-change-liver";
        await using var app = NewApp();
        var coordinator = app.NewBrowser();
        var form = SendForm.Read(await coordinator.GetHtmlAsync(CoordinatorUrl(patient)));
        var chosen = form.Materials.Take(2).ToList();
        var note = "Dear patient, " + new string('x', CoordinatorEndpoints.NoteMaxLength - 14) + "!";
        Assert.Equal(CoordinatorEndpoints.NoteMaxLength + 1, note.Length);

        using var refused = await coordinator.PostFormAsync(CoordinatorEndpoints.SendPath, Fields(form, chosen, note));
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains($"The personal note is {note.Length} characters long; it can be at most {CoordinatorEndpoints.NoteMaxLength}.", html);
        Assert.Contains("role=\"alert\"", html);
        Assert.Contains("aria-invalid=\"true\"", html);
        Assert.Contains($">{note}</textarea>", html);
        foreach (var id in form.Materials)
            Assert.Equal(chosen.Contains(id), Regex.IsMatch(html, $"<input[^>]*id=\"select-{Regex.Escape(id)}\"[^>]*checked"));
        Assert.Empty(await Deliveries(app, patient));

        // A note at the limit whose line breaks arrive as CR LF (as browsers send them) is accepted.
        var lines = string.Join("\r\n", Enumerable.Repeat(new string('y', 99), 5));
        Assert.True(lines.Length > CoordinatorEndpoints.NoteMaxLength && lines.Replace("\r\n", "\n", StringComparison.Ordinal).Length <= CoordinatorEndpoints.NoteMaxLength);
        using var accepted = await coordinator.PostFormAsync(CoordinatorEndpoints.SendPath, Fields(SendForm.Read(html), chosen, lines));
        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
        Assert.Equal(2, (await Deliveries(app, patient)).Count);
    }

    [Fact]
    public async Task A_delivery_recorded_before_names_were_stored_shows_the_senders_reference_in_the_history()
    {
        const string patient = "missing-receptors-liver";
        await using var app = NewApp();
        var coordinator = app.NewBrowser();
        var (page, _) = await coordinator.FollowAsync(CoordinatorUrl(patient));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        // A row as the store held it before the SenderName migration: the fhirUser only.
        var fhirUser = $"{WebAppFactory.Issuer}/Practitioner/{Practitioner}";
        var old = await app.Services.GetRequiredService<DeliveryStore>().CreateAsync(new NewDelivery(
            Issuer, fhirUser, patient, "coping-and-support", "en", null, fhirUser, DeliveryTokenKind.UserSession, "protected"), "old-row", CancellationToken.None);

        var row = Html.HistoryRow(await coordinator.GetHtmlAsync("/coordinator"), old.Delivery.Id);

        Assert.Contains($"<td>Practitioner {Practitioner}", row);
        Assert.DoesNotContain(SenderName, row);
    }

    [Fact]
    public async Task Another_patients_delivery_id_records_no_view_and_their_deliveries_never_show()
    {
        const string owner = "triple-positive-bone-nodes";
        const string stranger = "pleura-nodes-icdo3";
        await using var app = NewApp();
        var coordinator = app.NewBrowser();
        var form = SendForm.Read(await coordinator.GetHtmlAsync(CoordinatorUrl(owner)));
        using var _ = await coordinator.PostFormAsync(CoordinatorEndpoints.SendPath, Fields(form, form.Materials.Take(1), "For you only."));
        var delivery = Assert.Single(await SettleAsync(app, owner, expected: 1));

        var strangerBrowser = app.NewBrowser();
        var strangerPage = await Launches.AsPatientAsync(strangerBrowser, stranger);
        Assert.Empty(CareTeamMaterials(CareTeam(strangerPage)));
        Assert.Contains("Nothing from your care team yet.", CareTeam(strangerPage));
        Assert.DoesNotContain(delivery.Id.ToString("D"), strangerPage);
        Assert.DoesNotContain("For you only.", strangerPage);
        await strangerBrowser.GetHtmlAsync($"/app/materials/{delivery.MaterialId}?lang={delivery.Language}&delivery={delivery.Id:D}");

        var store = app.Services.GetRequiredService<DeliveryStore>();
        Assert.Null((await store.GetAsync(delivery.Id, CancellationToken.None))!.FirstOpenedAt);
        await using (var db = await database.CreateFactory().CreateDbContextAsync())
        {
            Assert.False(await db.DeliveryViews.AnyAsync(v => v.DeliveryId == delivery.Id));
            var refused = await db.AuditEvents.SingleAsync(a => a.Action == AuditActions.DeliveryView && a.EntityId == delivery.Id.ToString("D"));
            Assert.Equal(("failure", stranger), (refused.Outcome, refused.PatientId));
        }
        // The coordinator's workspace still says not opened; the owner's own open is what counts.
        Assert.Contains("Not opened yet", Html.HistoryRow(await coordinator.GetHtmlAsync("/coordinator"), delivery.Id));
        var ownerBrowser = app.NewBrowser();
        await Launches.AsPatientAsync(ownerBrowser, owner);
        await ownerBrowser.GetHtmlAsync($"/app/materials/{delivery.MaterialId}?lang={delivery.Language}&delivery={delivery.Id:D}");
        Assert.NotNull((await store.GetAsync(delivery.Id, CancellationToken.None))!.FirstOpenedAt);
    }

    [Fact]
    public async Task A_new_delivery_shows_on_the_next_load_of_a_cached_patient_page()
    {
        const string patient = "adrenal-spinal-cord-pten";
        await using var app = NewApp(pageCache: true);
        var patientBrowser = app.NewBrowser();
        await Launches.AsPatientAsync(patientBrowser, patient);
        using (var cached = await patientBrowser.GetAsync("/app"))
        {
            Assert.Contains("(cached)", cached.Headers.GetValues("Server-Timing").Single(), StringComparison.Ordinal);
            Assert.Empty(CareTeamMaterials(CareTeam(await cached.Content.ReadAsStringAsync())));
        }

        var coordinator = app.NewBrowser();
        var form = SendForm.Read(await coordinator.GetHtmlAsync(CoordinatorUrl(patient)));
        using var _ = await coordinator.PostFormAsync(CoordinatorEndpoints.SendPath, Fields(form, form.Materials.Take(1), null));
        var delivery = Assert.Single(await SettleAsync(app, patient, expected: 1));

        using var next = await patientBrowser.GetAsync("/app");
        Assert.Contains("(cached)", next.Headers.GetValues("Server-Timing").Single(), StringComparison.Ordinal);
        Assert.Equal([delivery.MaterialId], CareTeamMaterials(CareTeam(await next.Content.ReadAsStringAsync())));
    }

    [Fact]
    public async Task A_delivery_another_replica_completes_shows_once_this_replicas_care_team_section_expires()
    {
        const string patient = "male-brca2-bone-nodes";
        var clock = new ManualClock();
        await using var app = NewApp(pageCache: true, clock);
        var patientBrowser = app.NewBrowser();
        Assert.Empty(CareTeamMaterials(CareTeam(await Launches.AsPatientAsync(patientBrowser, patient))));

        // Replica B (same database, same EHR) runs the outbox; A's section for this patient is not told.
        await using var replicaB = new WebAppFactory { OutboundTo = app };
        foreach (var (key, value) in database.Settings) replicaB.Set(key, value);
        replicaB.Set("Deliveries:WorkerEnabled", "false");
        var coordinator = app.NewBrowser();
        var form = SendForm.Read(await coordinator.GetHtmlAsync(CoordinatorUrl(patient)));
        using var _ = await coordinator.PostFormAsync(CoordinatorEndpoints.SendPath, Fields(form, form.Materials.Take(1), null));
        var delivery = Assert.Single(await SettleAsync(replicaB, patient, expected: 1));
        Assert.Equal(DeliveryStatus.Delivered, delivery.Status);

        // Within Web:CareTeamCacheSeconds (5 s) A still shows its copy; after it, the delivery is there.
        Assert.Empty(CareTeamMaterials(CareTeam(await patientBrowser.GetHtmlAsync("/app"))));
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal([delivery.MaterialId], CareTeamMaterials(CareTeam(await patientBrowser.GetHtmlAsync("/app"))));
    }

    [Fact]
    public async Task A_delivery_the_EHR_refuses_shows_as_failed_with_the_EHRs_text_and_never_reaches_the_patient()
    {
        const string patient = "spanish-bone-eye";
        await using var app = NewApp();
        var coordinator = app.NewBrowser();
        var form = SendForm.Read(await coordinator.GetHtmlAsync(CoordinatorUrl(patient)));
        app.Services.GetRequiredService<SandboxFaults>().FailNext(1, 422, target: FaultTarget.CommunicationWrite);

        using var _ = await coordinator.PostFormAsync(CoordinatorEndpoints.SendPath, Fields(form, form.Materials.Take(1), null));
        var delivery = Assert.Single(await SettleAsync(app, patient, expected: 1));

        Assert.Equal(DeliveryStatus.Failed, delivery.Status);
        var row = Html.HistoryRow(await coordinator.GetHtmlAsync("/coordinator"), delivery.Id);
        Assert.Contains("status-failed", row);
        Assert.Contains("<span>Failed</span>", row);
        Assert.Contains("the health record said “fault injected by the sandbox”", row);
        Assert.Empty(Communications(app, patient));
        Assert.Empty(CareTeamMaterials(CareTeam(await Launches.AsPatientAsync(app.NewBrowser(), patient))));
    }

    [Fact]
    public async Task The_Communications_link_opened_without_a_session_shows_the_public_copy_and_records_nothing()
    {
        await using var app = NewApp();
        var id = Guid.NewGuid();
        var url = DeliverySender.MaterialUrl(new Uri(WebAppFactory.Origin), "es", "bone-metastases", id);
        using var response = await app.NewBrowser().GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/materials/es/bone-metastases", response.Headers.Location!.OriginalString);
    }

    // ---- helpers ----

    private WebAppFactory NewApp(bool pageCache = false, ManualClock? clock = null)
    {
        var settings = new Dictionary<string, string?>(database.Settings)
        {
            // Tests run outbox passes themselves.
            ["Deliveries:WorkerEnabled"] = "false",
            ["Deliveries:RetryBaseDelay"] = "00:00:00.010",
            ["Deliveries:RetryMaxDelay"] = "00:00:00.040",
            // The launches are set-up, not what is tested: room on a loaded 2-core machine.
            ["Smart:SmartCallDeadline"] = "00:00:40",
            ["Smart:PerTryTimeout"] = "00:00:20",
            ["Smart:PageLoadDeadline"] = "00:00:40",
        };
        if (pageCache) settings["Web:RecordCacheSeconds"] = "600";
        var app = new WebAppFactory { Clock = clock };
        foreach (var (key, value) in settings) app.Set(key, value);
        return app;
    }

    private static string CoordinatorUrl(string patient) =>
        $"/sandbox/launch-ehr?patient={Uri.EscapeDataString(patient)}&practitioner={Practitioner}&app={Uri.EscapeDataString(WebAppFactory.Origin + "/launch/coordinator")}";



    /// <param name="token">The antiforgery token to send; null leaves the field out. Defaults to the form's own.</param>
    private static List<KeyValuePair<string, string>> Fields(SendForm form, IEnumerable<string> materials, string? note, string? token = "")
    {
        var fields = new List<KeyValuePair<string, string>>();
        token = token == "" ? form.Token : token;
        if (token is not null) fields.Add(new("__RequestVerificationToken", token));
        fields.Add(new("form", form.Nonce));
        fields.Add(new("lang", form.Lang));
        fields.AddRange(materials.Select(m => new KeyValuePair<string, string>("material", m)));
        fields.Add(new("note", note ?? ""));
        return fields;
    }

    private static Task<IReadOnlyList<DeliveryRecord>> Deliveries(WebAppFactory app, string patient) =>
        app.Services.GetRequiredService<DeliveryStore>().ListForPatientAsync(Issuer, patient, CancellationToken.None);

    /// <summary>Runs outbox passes until the patient's <paramref name="expected"/> deliveries are all Delivered or Failed (bounded).</summary>
    private static async Task<IReadOnlyList<DeliveryRecord>> SettleAsync(WebAppFactory app, string patient, int expected)
    {
        var worker = app.Services.GetRequiredService<OutboxWorker>();
        for (var pass = 0; pass < 60; pass++)
        {
            await worker.RunOnceAsync(CancellationToken.None);
            var rows = await Deliveries(app, patient);
            if (rows.Count == expected && rows.All(r => r.Status is DeliveryStatus.Delivered or DeliveryStatus.Failed)) return rows;
            await Task.Delay(25);
        }
        throw new Xunit.Sdk.XunitException($"the {expected} deliveries did not settle within 60 passes");
    }

    private static IReadOnlyList<JsonElement> Communications(WebAppFactory app, string patient) =>
        [.. app.Services.GetRequiredService<CommunicationStore>().Snapshot()
            .Select(r => r.Json)
            .Where(j => j.GetProperty("subject").GetProperty("reference").GetString() == "Patient/" + patient)];

    private static string CareTeam(string page)
    {
        var match = Regex.Match(page, "<section class=\"care-team\".*?</section>", RegexOptions.Singleline);
        Assert.True(match.Success, "no care-team section");
        return match.Value;
    }

    private static IReadOnlyList<string> CareTeamMaterials(string section) =>
        [.. Regex.Matches(section, "data-care-team=\"([a-z0-9-]+)\"").Select(m => m.Groups[1].Value)];

}

public sealed class SqliteCoordinatorSendTests(SqliteTestDatabase database) : CoordinatorSendTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresCoordinatorSendTests(PostgresTestDatabase database) : CoordinatorSendTests(database), IClassFixture<PostgresTestDatabase>;
