using System.Net;
using System.Text.Json;
using MbcFhirEdu.Sandbox.Features.Fhir;
using MbcFhirEdu.Web.Features.Audit;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Web.Tests.Api;

/// <summary>
/// Every API read and send writes an audit row whose actor is the API client id; <c>GET /api/v1/audit</c> exports the
/// log as AuditEvent NDJSON for Education.Admin only, valid R4 line by line, with ids and no names or notes.
/// </summary>
public sealed class ApiAuditTests(ApiDeliveryHost host) : IClassFixture<ApiDeliveryHost>
{
    private const string Patient = ApiDeliveryHost.Patient;

    private async Task<string> SendAndReadAsync(string note)
    {
        var reader = await host.Api.TokenAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.Api.GetAsync($"/api/v1/patients/{Patient}/recommendations", reader)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Api.GetAsync($"/api/v1/patients/{Patient}/deliveries", reader)).Response.StatusCode);
        var sender = await host.Api.TokenAsync(ApiHost.SenderId);
        var (created, body) = await host.Api.SendAsync(ApiDeliveryHost.Post(Guid.NewGuid().ToString(), ApiDeliveryHost.Body(note: note)), sender);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal("delivered", (await host.WaitSettledAsync(sender, Patient, id)).GetProperty("status").GetString());
        // The worker writes its audit row just after it marks the delivery delivered.
        for (var i = 0; i < 200; i++)
        {
            await using var db = await host.DbAsync();
            if (await db.AuditEvents.AnyAsync(a => a.EntityId == id && a.Action == ApiAuditActions.DeliverySend)) return id;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"no {ApiAuditActions.DeliverySend} audit row for {id} within 10 s");
    }

    private async Task<(HttpResponseMessage Response, string Text)> ExportAsync(string query, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/audit" + query);
        using var http = host.Api.NewClient();
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        var response = await http.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task API_reads_and_sends_are_audited_with_the_client_id_as_actor()
    {
        var deliveryId = await SendAndReadAsync("Ask about this on Friday.");

        await using var db = await host.DbAsync();
        var rows = await db.AuditEvents.Where(a => a.PatientId == Patient && a.Action.StartsWith("api.")).ToListAsync();
        Assert.Contains(rows, r => (r.Action, r.Actor, r.Outcome) == (ApiAuditActions.RecommendationsRead, ApiHost.ReaderId, "success"));
        Assert.Contains(rows, r => (r.Action, r.Actor, r.Outcome) == (ApiAuditActions.DeliveriesRead, ApiHost.ReaderId, "success"));
        Assert.Contains(rows, r => (r.Action, r.Actor, r.Outcome, r.EntityId) == (ApiAuditActions.DeliveryCreate, ApiHost.SenderId, "success", deliveryId));
        Assert.Contains(rows, r => (r.Action, r.Actor, r.Outcome, r.EntityId) == (ApiAuditActions.DeliverySend, ApiHost.SenderId, "success", deliveryId));
        Assert.All(rows, r => Assert.Equal(WebAppFactory.Issuer, r.Issuer?.TrimEnd('/')));
    }

    [Fact]
    public async Task The_export_is_AuditEvent_NDJSON_valid_R4_line_by_line_without_names_or_notes()
    {
        const string note = "Private note 7f3c: call me after the scan.";
        var deliveryId = await SendAndReadAsync(note);

        var (response, text) = await ExportAsync("", await host.Api.TokenAsync(ApiHost.AdminId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 4, text);
        var events = lines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.All(events, e => Assert.Equal("AuditEvent", e.GetProperty("resourceType").GetString()));
        // Two rows for the delivery: the POST that recorded it and the outbox's write to the EHR, both by the API client.
        var sends = events.Where(e => e.GetProperty("entity").EnumerateArray()
            .Any(x => x.GetProperty("what").TryGetProperty("identifier", out var i) && i.GetProperty("value").GetString() == deliveryId)).ToList();
        Assert.Equal(2, sends.Count);
        Assert.All(sends, e => Assert.Equal(("C", "create", "0", ApiHost.SenderId), (e.GetProperty("action").GetString(),
            e.GetProperty("subtype")[0].GetProperty("code").GetString(), e.GetProperty("outcome").GetString(),
            e.GetProperty("agent")[0].GetProperty("who").GetProperty("identifier").GetProperty("value").GetString())));
        var send = sends[1];
        var who = send.GetProperty("agent")[0].GetProperty("who");
        Assert.Equal(AuditEventExporter.ApiClientIdSystem, who.GetProperty("identifier").GetProperty("system").GetString());
        Assert.Contains(events, e => e.GetProperty("agent")[0].GetProperty("who").TryGetProperty("identifier", out var i)
            && i.GetProperty("value").GetString() == ApiHost.ReaderId && e.GetProperty("action").GetString() == "R");
        FhirSchema.AssertAllValid(lines, "audit-export");

        // No PHI: no patient's name from the EHR, no coordinator note, no token.
        Assert.DoesNotContain(note, text, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", text, StringComparison.Ordinal);
        var namesChecked = 0;
        foreach (var patient in host.Services.GetRequiredService<FhirDataStore>().All("Patient"))
        {
            if (!patient.Json.TryGetProperty("name", out var names)) continue;
            foreach (var name in names.EnumerateArray())
            {
                if (name.TryGetProperty("family", out var family)) Assert.DoesNotContain(family.GetString()!, text, StringComparison.OrdinalIgnoreCase);
                namesChecked++;
                if (name.TryGetProperty("given", out var given))
                    foreach (var g in given.EnumerateArray()) Assert.DoesNotContain("\"" + g.GetString() + "\"", text, StringComparison.OrdinalIgnoreCase);
            }
        }
        Assert.True(namesChecked > 5, "the sandbox's patients should have names to look for");
    }

    [Fact]
    public async Task The_export_pages_with_count_and_a_next_link_and_filters_with_since()
    {
        await SendAndReadAsync("paging");
        var admin = await host.Api.TokenAsync(ApiHost.AdminId);

        var (first, one) = await ExportAsync("?_count=1", admin);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Single(one.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var next = first.Headers.GetValues("Link").Single();
        Assert.EndsWith("; rel=\"next\"", next, StringComparison.Ordinal);
        var nextPath = next[(next.IndexOf('<') + 1)..next.IndexOf('>')];
        var (second, two) = await ExportAsync(nextPath["/api/v1/audit".Length..], admin);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotEqual(JsonDocument.Parse(one).RootElement.GetProperty("id").GetString(), JsonDocument.Parse(two.Split('\n')[0]).RootElement.GetProperty("id").GetString());

        var (future, none) = await ExportAsync("?_since=" + Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-ddTHH:mm:ssZ")), admin);
        Assert.Equal(HttpStatusCode.OK, future.StatusCode);
        Assert.Equal("", none);
        var (past, all) = await ExportAsync("?_since=2020-01-01", admin);
        Assert.Equal(HttpStatusCode.OK, past.StatusCode);
        Assert.NotEqual("", all);
        Assert.False(past.Headers.Contains("Link"));
    }

    [Theory]
    [InlineData("?_since=yesterday", "_since")]
    [InlineData("?_since=2026-12-01T10:00:00", "_since")]
    [InlineData("?_count=0", "_count")]
    [InlineData("?_count=5001", "_count")]
    [InlineData("?_after=-1", "_after")]
    public async Task Bad_export_parameters_are_a_problem_naming_them(string query, string field)
    {
        var (response, text) = await ExportAsync(query, await host.Api.TokenAsync(ApiHost.AdminId));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, JsonDocument.Parse(text).RootElement.GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_export_is_refused_without_Education_Admin()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await ExportAsync("", null)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ExportAsync("", await host.Api.TokenAsync())).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ExportAsync("", await host.Api.TokenAsync(ApiHost.SenderId))).Response.StatusCode);
        var (forged, text) = await ExportAsync("", host.Api.Forge(roles: ["Education.Read", "Education.Send"]));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.DoesNotContain("AuditEvent", text, StringComparison.Ordinal);
    }
}
