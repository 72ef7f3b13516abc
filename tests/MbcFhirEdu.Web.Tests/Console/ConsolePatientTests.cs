using System.Net;
using System.Text.RegularExpressions;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Sandbox.Features.Fhir;
using MbcFhirEdu.Web.Features.Console;
using MbcFhirEdu.Web.Features.Deliveries;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Web.Tests.Console;

/// <summary>
/// The console's patient pages against the in-process sandbox EHR, read and written with Backend Services: search by
/// MRN and name, the patient view (banner, the clinician's recommendations with evidence), sending through the outbox,
/// and the audit rows, whose actor is the coordinator's oid.
/// </summary>
public sealed partial class ConsolePatientTests : IDisposable
{
    private const string Patient = "her2-low-ihc1-akt1"; // Imogen Saltmarsh, MRN SBX-1005, born 1962-07-30
    private const string Note = "From the console.";
    private readonly ConsoleHost _host = new();

    [Fact]
    public async Task Search_by_MRN_finds_the_patient_and_by_name_finds_only_matching_patients()
    {
        var browser = _host.SignIn("oid-search", _host.Tenant, ConsoleHost.Coordinator);
        var byMrn = await browser.GetHtmlAsync("/console/patients?mrn=SBX-1005");
        Assert.Equal([Patient], Found(byMrn));
        Assert.Contains("Imogen Saltmarsh", byMrn);
        Assert.Contains("1962-07-30", byMrn);

        // The sandbox ignores `name` (FHIR lenient handling) and returns everyone: the console still shows only matches.
        var byName = await browser.GetHtmlAsync("/console/patients?name=salt");
        Assert.Contains(Patient, Found(byName));
        Assert.All(Found(byName), id => Assert.Contains(id, byName));
        Assert.DoesNotContain("Halloway", byName);
        Assert.Empty(Found(await browser.GetHtmlAsync("/console/patients?name=Nobody%20Byname")));

        using var bad = await browser.GetAsync("/console/patients?mrn=%3Cscript%3E");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("The MRN can have", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_patient_view_shows_the_banner_and_the_same_recommendations_as_the_workspace_reading_with_Backend_Services()
    {
        var browser = _host.SignIn("oid-view", _host.Tenant, ConsoleHost.Coordinator);
        var html = await browser.GetHtmlAsync(ConsoleEndpoints.PatientPath(Patient));
        Assert.Equal("Imogen Saltmarsh", Html.BannerName(html));
        Assert.Contains("1962-07-30", html);
        // The coordinator workspace of a SMART launch for the same patient (the session's token instead of Backend Services).
        var expected = Html.MaterialIds(await Launches.AsCoordinatorAsync(_host.App.NewBrowser(), Patient));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Html.MaterialIds(html));
        Assert.Contains("class=\"evidence", html);
    }

    [Fact]
    public async Task A_patient_id_the_EHR_does_not_have_is_404_for_the_view_and_the_send_and_nothing_is_recorded()
    {
        var browser = _host.SignIn("oid-unknown", _host.Tenant, ConsoleHost.Coordinator);
        var form = SendForm.Read(await browser.GetHtmlAsync(ConsoleEndpoints.PatientPath(Patient)));
        using var view = await browser.GetAsync(ConsoleEndpoints.PatientPath("no-such-patient"));
        Assert.Equal(HttpStatusCode.NotFound, view.StatusCode);

        using var send = await browser.PostFormAsync(ConsoleEndpoints.PatientPath("no-such-patient") + "/send", form.Fields(form.Materials.Take(1), Note));
        Assert.Equal(HttpStatusCode.NotFound, send.StatusCode);
        await using var db = await _host.DbAsync();
        Assert.Empty(db.Deliveries);
        var audit = await _host.AuditAsync();
        Assert.Contains(audit, r => r.Action == ConsoleAuditActions.DeliveryRequest && r.Outcome == "failure" && r.PatientId == "no-such-patient" && r.Actor == "oid-unknown");
    }

    [Fact]
    public async Task Sending_from_the_console_records_one_delivery_per_material_once_the_EHR_gets_one_Communication_each_and_the_history_shows_which_was_opened()
    {
        const string oid = "9f1c2d3e-0000-4000-8000-00000000c0de";
        var browser = _host.SignIn(oid, _host.Tenant, ConsoleHost.Coordinator);
        var form = SendForm.Read(await browser.GetHtmlAsync(ConsoleEndpoints.PatientPath(Patient)));
        var chosen = form.Materials.Take(2).ToList();
        Assert.Equal(2, chosen.Count);

        using var posted = await browser.PostFormAsync(ConsoleEndpoints.PatientPath(Patient) + "/send", form.Fields(chosen, Note));
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        using var again = await browser.PostFormAsync(ConsoleEndpoints.PatientPath(Patient) + "/send", form.Fields(chosen, Note)); // double click
        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        Assert.Contains("Sent 2 materials.", await browser.GetHtmlAsync(posted.Headers.Location!.OriginalString));

        var worker = _host.Services.GetRequiredService<OutboxWorker>();
        List<DeliveryRecord> rows = [];
        for (var pass = 0; pass < 60 && !(rows.Count == 2 && rows.All(r => r.Status == DeliveryStatus.Delivered)); pass++)
        {
            await worker.RunOnceAsync(CancellationToken.None);
            await using var db = await _host.DbAsync();
            rows = await db.Deliveries.AsNoTracking().ToListAsync();
        }
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(DeliveryStatus.Delivered, r.Status));
        Assert.All(rows, r => Assert.Equal(DeliveryTokenKind.BackendServices, r.TokenKind));
        Assert.All(rows, r => Assert.Equal(ConsoleHost.Sender, r.Sender));
        Assert.All(rows, r => Assert.Equal(oid, r.Caller));
        var communications = _host.Services.GetRequiredService<CommunicationStore>().Snapshot();
        foreach (var row in rows) Assert.Single(communications, c => c.Json.GetRawText().Contains(row.Id.ToString("D"), StringComparison.Ordinal));

        var history = await browser.GetHtmlAsync(ConsoleEndpoints.PatientPath(Patient));
        Assert.Equal(2, Html.Count(history, "class=\"delivery-row status-delivered\""));
        Assert.Equal(2, Html.Count(history, "Not opened yet"));

        // The patient opens one from their own portal launch: the console's history says so, and when.
        var opened = rows[0];
        var patient = _host.App.NewBrowser();
        var page = await Launches.AsPatientAsync(patient, Patient);
        await patient.GetHtmlAsync($"{Html.AppPath(page)}/materials/{opened.MaterialId}?lang={opened.Language}&delivery={opened.Id:D}");
        history = await browser.GetHtmlAsync(ConsoleEndpoints.PatientPath(Patient));
        Assert.Matches(@"Opened on <time datetime=""\d{4}-\d\d-\d\dT", Html.HistoryRow(history, opened.Id));
        Assert.Contains("Not opened yet", Html.HistoryRow(history, rows[1].Id));
        Assert.Contains("Imogen Saltmarsh", history); // the banner, on this page as on every patient page
    }

    [Fact]
    public async Task Every_console_action_writes_an_audit_row_whose_actor_is_the_oid_and_sign_out_ends_at_Entra_and_comes_back()
    {
        const string oid = "5b7e2c1a-1111-4222-8333-444455556666";
        var browser = _host.SignIn(oid, _host.Tenant, ConsoleHost.Coordinator);
        await browser.GetHtmlAsync("/console/patients?mrn=SBX-1005");
        var form = SendForm.Read(await browser.GetHtmlAsync(ConsoleEndpoints.PatientPath(Patient)));
        using var sent = await browser.PostFormAsync(ConsoleEndpoints.PatientPath(Patient) + "/send", form.Fields(form.Materials.Take(1), Note));
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        using var signedOut = await browser.PostFormAsync(ConsoleEndpoints.SignOutPath, [new("__RequestVerificationToken", form.Token)]);
        Assert.True((int)signedOut.StatusCode is 302 or 303, $"sign-out answered {(int)signedOut.StatusCode}");
        // On to the directory's end-session endpoint, which returns to the registered signed-out callback, then the page.
        var endSession = signedOut.Headers.Location!;
        Assert.StartsWith($"{ApiHost.Instance}{_host.Tenant}/oauth2/v2.0/logout?", endSession.AbsoluteUri);
        var (page, at) = await browser.FollowAsync(endSession.AbsoluteUri);
        Assert.Equal((HttpStatusCode.OK, ConsoleEndpoints.SignedOutPath), (page.StatusCode, at.AbsolutePath));
        Assert.Contains("You are signed out of the coordinator console", await page.Content.ReadAsStringAsync());

        var audit = (await _host.AuditAsync()).Where(r => ConsoleAuditActions.IsConsole(r.Action)).ToList();
        Assert.Equal(
            [ConsoleAuditActions.PatientSearch, ConsoleAuditActions.PatientRead, ConsoleAuditActions.DeliveryRequest, ConsoleAuditActions.SignOut],
            audit.Select(r => r.Action).Distinct());
        Assert.All(audit, r => Assert.Equal(oid, r.Actor));
        Assert.Contains(audit, r => r.Action == ConsoleAuditActions.DeliveryRequest && r.PatientId == Patient && r.EntityId is not null);
        // Signed out: the next page asks for the sign-in again.
        using var after = await browser.GetAsync("/console/patients");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    public void Dispose() => _host.Dispose();

    // ---- helpers ----

    private static IReadOnlyList<string> Found(string html) => [.. Regex.Matches(html, "<li data-patient=\"([^\"]+)\"").Select(m => m.Groups[1].Value)];
}
