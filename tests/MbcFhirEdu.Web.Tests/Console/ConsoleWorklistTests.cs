using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MbcFhirEdu.Core.Population;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Web.Features.Console;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MbcFhirEdu.Web.Tests.Console;

/// <summary>The worklist in the console: entries as a population run writes them, the reason filter, paging, close.</summary>
public sealed partial class ConsoleWorklistTests : IDisposable
{
    private const string Oid = "a11ce000-0000-4000-8000-000000000001";
    private readonly ConsoleHost _host = new();

    [Fact]
    public async Task The_worklist_shows_open_entries_with_reason_detail_evidence_and_the_live_banner_filtered_by_reason()
    {
        var site = await SeedAsync("her2-low-ihc1-akt1", WorklistReason.NewSite, "new site: liver on 2026-11-30", minutesAgo: 1, "Condition/liver-1");
        var none = await SeedAsync("her2-low-ihc1-akt1", WorklistReason.NoMaterialsSent, "no materials sent yet", minutesAgo: 2);
        var closed = await SeedAsync("her2-low-ihc1-akt1", WorklistReason.NewSite, "closed before", minutesAgo: 3, closed: true);
        var browser = _host.SignIn(Oid, _host.Tenant, ConsoleHost.Coordinator);

        var all = await browser.GetHtmlAsync(ConsoleEndpoints.WorklistPath);
        Assert.Equal([site, none], Rows(all)); // newest first, the closed one left out
        var row = Row(all, site);
        Assert.Contains("New metastatic site", row);
        Assert.Contains("new site: liver on 2026-11-30", row);
        Assert.Contains("<li>Condition/liver-1</li>", row);
        Assert.Contains("Imogen Saltmarsh", row); // read from the EHR now: the entry holds no name (nor birth date)
        Assert.Contains("born <time datetime=\"1962-07-30\">", row);
        Assert.Contains($"href=\"{ConsoleEndpoints.PatientPath("her2-low-ihc1-akt1")}\"", row);

        var filtered = await browser.GetHtmlAsync(ConsoleEndpoints.WorklistPath + "?reason=NoMaterialsSent");
        Assert.Equal([none], Rows(filtered));
        Assert.DoesNotContain(closed.ToString("D"), all);

        using var badReason = await browser.GetAsync(ConsoleEndpoints.WorklistPath + "?reason=7");
        Assert.Equal(HttpStatusCode.BadRequest, badReason.StatusCode);
        using var badPage = await browser.GetAsync(ConsoleEndpoints.WorklistPath + "?page=0");
        Assert.Equal(HttpStatusCode.BadRequest, badPage.StatusCode);
    }

    [Fact]
    public async Task The_worklist_pages_by_25()
    {
        for (var i = 0; i < 27; i++) await SeedAsync("her2-low-ihc1-akt1", WorklistReason.ReceptorChange, $"change {i}", minutesAgo: i);
        var browser = _host.SignIn(Oid, _host.Tenant, ConsoleHost.Coordinator);
        var first = await browser.GetHtmlAsync(ConsoleEndpoints.WorklistPath);
        var second = await browser.GetHtmlAsync(ConsoleEndpoints.WorklistPath + "?page=2");
        Assert.Equal(25, Rows(first).Count);
        Assert.Equal(2, Rows(second).Count);
        Assert.Empty(Rows(first).Intersect(Rows(second)));
        Assert.Contains("Page 1 of 2", first);
        Assert.Contains("href=\"/console/worklist?page=2\" rel=\"next\"", first);
    }

    [Fact]
    public async Task Close_needs_the_pages_antiforgery_token_closes_the_entry_once_and_is_audited_with_the_oid()
    {
        var entry = await SeedAsync("her2-low-ihc1-akt1", WorklistReason.NewBiomarkerResult, "PIK3CA result", minutesAgo: 1);
        var browser = _host.SignIn(Oid, _host.Tenant, ConsoleHost.Coordinator);
        var html = await browser.GetHtmlAsync(ConsoleEndpoints.WorklistPath);
        var token = WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);

        using var forged = await browser.PostFormAsync(ConsoleEndpoints.ClosePath(entry), [new("reason", "")]);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var closed = await browser.PostFormAsync(ConsoleEndpoints.ClosePath(entry), [new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.SeeOther, closed.StatusCode);
        Assert.Contains("The entry was closed.", await browser.GetHtmlAsync(closed.Headers.Location!.OriginalString));
        using var again = await browser.PostFormAsync(ConsoleEndpoints.ClosePath(entry), [new("__RequestVerificationToken", token)]);
        Assert.Contains("closed=0", again.Headers.Location!.OriginalString);

        await using var db = await _host.DbAsync();
        var row = await db.WorklistEntries.AsNoTracking().SingleAsync(e => e.Id == entry);
        Assert.NotNull(row.ClosedAt);
        Assert.Equal(Oid, row.ClosedBy);
        var audit = await _host.AuditAsync();
        Assert.Equal([true, false], audit.Where(r => r.Action == ConsoleAuditActions.WorklistClose).Select(r => r.Outcome == "success"));
        Assert.All(audit.Where(r => ConsoleAuditActions.IsConsole(r.Action)), r => Assert.Equal(Oid, r.Actor));
        Assert.Contains(audit, r => r.Action == ConsoleAuditActions.WorklistRead);
    }

    public void Dispose() => _host.Dispose();

    private async Task<Guid> SeedAsync(string patient, WorklistReason reason, string detail, int minutesAgo, params string[] evidence) =>
        await SeedAsync(patient, reason, detail, minutesAgo, closed: false, evidence);

    private async Task<Guid> SeedAsync(string patient, WorklistReason reason, string detail, int minutesAgo, bool closed, params string[] evidence)
    {
        await using var db = await _host.DbAsync();
        var entry = new WorklistEntryRecord
        {
            Id = Guid.NewGuid(), FhirBase = new Uri(WebAppFactory.Issuer).AbsoluteUri, PatientId = patient, Reason = (int)reason, Detail = detail,
            EvidenceJson = JsonSerializer.Serialize(evidence), RunId = Guid.NewGuid(), CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-minutesAgo),
            ClosedAt = closed ? DateTimeOffset.UtcNow : null, ClosedBy = closed ? "someone" : null,
        };
        db.WorklistEntries.Add(entry);
        await db.SaveChangesAsync();
        return entry.Id;
    }

    private static List<Guid> Rows(string html) => [.. RowId().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value))];

    private static string Row(string html, Guid id) =>
        Regex.Match(html, $"<tr class=\"worklist-row\" data-worklist=\"{id:D}\".*?</tr>", RegexOptions.Singleline).Value;

    [GeneratedRegex("<tr class=\"worklist-row\" data-worklist=\"([0-9a-f-]{36})\"")]
    private static partial Regex RowId();

    [GeneratedRegex("<input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"([^\"]*)\"")]
    private static partial Regex TokenField();
}
