using System.Net;
using System.Text.Json;
using MbcFhirEdu.Core.Population;
using MbcFhirEdu.Data;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Web.Features.Api;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Web.Tests.Population;

/// <summary>
/// <c>GET /api/v1/worklist</c> (issue 18 item 4): the open entries newest first, patient as a FHIR reference plus base,
/// reason, detail, evidence, paging links; bounded, named-parameter errors; the read role; an audit row per call.
/// Each test replaces the worklist with its own entries (the tests of one class run one after another).
/// </summary>
public sealed class WorklistApiTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const string FhirBase = "https://ehr.example.org/fhir/r4";
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    private async Task<List<WorklistEntryRecord>> ReplaceWorklistAsync(params (WorklistReason Reason, string Patient, bool Closed)[] entries)
    {
        await using var db = await host.Factory.Services.GetRequiredService<IDbContextFactory<MbcEduDbContext>>().CreateDbContextAsync();
        await db.WorklistEntries.ExecuteDeleteAsync();
        var runId = Guid.NewGuid();
        var rows = entries.Select((e, i) => new WorklistEntryRecord
        {
            Id = Guid.NewGuid(), FhirBase = FhirBase, PatientId = e.Patient, Reason = (int)e.Reason, RunId = runId,
            Detail = $"{e.Reason} for {e.Patient}", EvidenceJson = JsonSerializer.Serialize(new[] { $"Condition/{e.Patient}-c{i}", "site:liver" }),
            CreatedAt = Start.AddMinutes(i), ClosedAt = e.Closed ? Start.AddDays(1) : null, ClosedBy = e.Closed ? "Practitioner/p1" : null,
        }).ToList();
        db.WorklistEntries.AddRange(rows);
        await db.SaveChangesAsync();
        return rows;
    }

    [Fact]
    public async Task A_reader_gets_the_open_entries_newest_first_with_patient_reason_detail_and_evidence()
    {
        var rows = await ReplaceWorklistAsync((WorklistReason.NewSite, "p-1", false), (WorklistReason.ReceptorChange, "p-2", false),
            (WorklistReason.Deceased, "p-3", true));

        var (response, body) = await host.GetAsync("/api/v1/worklist", await host.TokenAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, body.GetProperty("total").GetInt32());
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["p-2", "p-1"], items.Select(i => i.GetProperty("patient").GetProperty("reference").GetString()![8..]));
        var first = items[0];
        Assert.Equal(rows[1].Id, first.GetProperty("id").GetGuid());
        Assert.Equal("Patient/p-2", first.GetProperty("patient").GetProperty("reference").GetString());
        Assert.Equal(FhirBase, first.GetProperty("patient").GetProperty("fhirBase").GetString());
        Assert.Equal("receptor-change", first.GetProperty("reason").GetString());
        Assert.Equal("ReceptorChange for p-2", first.GetProperty("detail").GetString());
        Assert.Equal(["Condition/p-2-c1", "site:liver"], first.GetProperty("evidence").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(rows[1].RunId, first.GetProperty("runId").GetGuid());
        Assert.Equal(Start.AddMinutes(1), first.GetProperty("createdAt").GetDateTimeOffset());
        var links = body.GetProperty("links");
        Assert.Equal(WebAppFactory.Origin + "/api/v1/worklist?page=1&pageSize=50", links.GetProperty("self").GetString());
        Assert.Equal(JsonValueKind.Null, links.GetProperty("next").ValueKind);
        Assert.Equal(JsonValueKind.Null, links.GetProperty("prev").ValueKind);
    }

    [Fact]
    public async Task Pages_are_bounded_by_pageSize_and_linked_to_their_neighbours()
    {
        await ReplaceWorklistAsync([.. Enumerable.Range(1, 5).Select(i => (WorklistReason.NoMaterialsSent, $"p-{i}", false))]);

        var (response, body) = await host.GetAsync("/api/v1/worklist?page=2&pageSize=2", await host.TokenAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((5, 2, 2), (body.GetProperty("total").GetInt32(), body.GetProperty("page").GetInt32(), body.GetProperty("pageSize").GetInt32()));
        Assert.Equal(["Patient/p-3", "Patient/p-2"], body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("patient").GetProperty("reference").GetString()));
        var links = body.GetProperty("links");
        Assert.EndsWith("/api/v1/worklist?page=1&pageSize=2", links.GetProperty("prev").GetString());
        Assert.EndsWith("/api/v1/worklist?page=3&pageSize=2", links.GetProperty("next").GetString());
        Assert.EndsWith("/api/v1/worklist?page=3&pageSize=2", links.GetProperty("last").GetString());
        var (_, last) = await host.GetAsync(new Uri(links.GetProperty("next").GetString()!).PathAndQuery, await host.TokenAsync());
        Assert.Equal(["Patient/p-1"], last.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("patient").GetProperty("reference").GetString()));
        Assert.Equal(JsonValueKind.Null, last.GetProperty("links").GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task The_reason_filter_keeps_one_reason_and_stays_in_the_links()
    {
        await ReplaceWorklistAsync((WorklistReason.NewSite, "p-1", false), (WorklistReason.NewBiomarkerResult, "p-2", false),
            (WorklistReason.NewBiomarkerResult, "p-3", false), (WorklistReason.MetastaticNewlyRecorded, "p-4", false));

        var (response, body) = await host.GetAsync("/api/v1/worklist?reason=new-biomarker-result&pageSize=1", await host.TokenAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, body.GetProperty("total").GetInt32());
        Assert.Equal("new-biomarker-result", Assert.Single(body.GetProperty("items").EnumerateArray()).GetProperty("reason").GetString());
        Assert.EndsWith("?reason=new-biomarker-result&page=2&pageSize=1", body.GetProperty("links").GetProperty("next").GetString());
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=two", "page")]
    [InlineData("page=10001", "page")]
    [InlineData("page=1&page=2", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("pageSize=-5", "pageSize")]
    [InlineData("reason=NewSite", "reason")]
    [InlineData("reason=liver", "reason")]
    [InlineData("reason=", "reason")]
    public async Task A_bad_parameter_gets_problem_json_naming_it(string query, string parameter)
    {
        var (response, body) = await host.GetAsync("/api/v1/worklist?" + query, await host.TokenAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(parameter, body.GetProperty("field").GetString());
        Assert.Contains(parameter, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_worklist_needs_a_token_with_the_read_role_and_each_read_is_audited()
    {
        await ReplaceWorklistAsync((WorklistReason.NewSite, "p-1", false));

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync("/api/v1/worklist", null)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.GetAsync("/api/v1/worklist", await host.TokenAsync(ApiHost.NoRolesId))).Response.StatusCode);
        await using (var db = await host.Factory.Services.GetRequiredService<IDbContextFactory<MbcEduDbContext>>().CreateDbContextAsync())
            await db.AuditEvents.Where(a => a.Action == ApiWorklistEndpoints.AuditAction).ExecuteDeleteAsync();

        var (response, _) = await host.GetAsync("/api/v1/worklist", await host.TokenAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var after = await host.Factory.Services.GetRequiredService<IDbContextFactory<MbcEduDbContext>>().CreateDbContextAsync();
        var row = Assert.Single(await after.AuditEvents.Where(a => a.Action == ApiWorklistEndpoints.AuditAction).ToListAsync());
        Assert.Equal((ApiHost.ReaderId, "success", (string?)null), (row.Actor, row.Outcome, row.PatientId));
    }
}
