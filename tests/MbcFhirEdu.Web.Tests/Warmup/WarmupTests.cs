using System.Text.Json;
using MbcFhirEdu.Data;
using MbcFhirEdu.Data.CdsHooks;
using MbcFhirEdu.Sandbox;
using MbcFhirEdu.Web.Infrastructure.Warmup;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MbcFhirEdu.Web.Tests.Warmup;

/// <summary>
/// Issue 16 item 4: the start-up warm-up runs the CDS service's own code on every sandbox record before the server
/// listens, answers each one, and leaves no trace a reader of the audit log or a CDS client would see.
/// </summary>
public sealed class WarmupTests : IDisposable
{
    private readonly CdsAppFactory _cds = new();

    public void Dispose() => _cds.Dispose();

    private static int SandboxRecords() =>
        typeof(SandboxFaults).Assembly.GetManifestResourceNames().Count(n => n.StartsWith("MbcFhirEdu.Sandbox.Data.Bundle-", StringComparison.Ordinal));

    [Fact]
    public async Task The_warm_up_answers_every_sandbox_record_with_cards_and_writes_no_audit_row()
    {
        var warmup = _cds.App.Services.GetServices<IHostedService>().OfType<WarmupService>().Single();

        var answered = await warmup.RunAsync(everyRecord: true, CancellationToken.None);

        Assert.True(SandboxRecords() > 10);
        Assert.Equal(SandboxRecords(), answered);
        await using var db = await _cds.App.Services.GetRequiredService<IDbContextFactory<MbcEduDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.AuditEvents.CountAsync());
    }

    [Fact]
    public async Task The_warm_up_logs_no_refused_CDS_call_and_writes_no_jti_of_a_real_client()
    {
        var warmup = _cds.App.Services.GetServices<IHostedService>().OfType<WarmupService>().Single();

        await warmup.RunAsync(everyRecord: true, CancellationToken.None);

        Assert.Contains(_cds.App.Logs.Entries, e => e.Message.StartsWith("Warm-up done in", StringComparison.Ordinal));
        Assert.DoesNotContain(_cds.App.Logs.Entries, e => e.Message.Contains("refused", StringComparison.OrdinalIgnoreCase));
        await using var db = await _cds.App.Services.GetRequiredService<IDbContextFactory<MbcEduDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.CdsJtis.CountAsync(j => j.Issuer == CdsClientKey.Issuer));
    }

    [Fact]
    public void The_warm_up_starts_before_the_web_server_so_nothing_is_served_until_it_is_done()
    {
        var hosted = _cds.App.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToList();

        var warmup = hosted.IndexOf(nameof(WarmupService));
        var server = hosted.IndexOf("GenericWebHostService");

        Assert.True(warmup >= 0 && server >= 0, string.Join(", ", hosted));
        Assert.True(warmup < server, string.Join(", ", hosted));
    }

    [Fact]
    public void A_warm_up_body_carries_the_records_resources_under_the_four_prefetch_keys()
    {
        using var bundle = JsonDocument.Parse("""
            {"resourceType":"Bundle","type":"collection","entry":[
             {"resource":{"resourceType":"Patient","id":"p1"}},
             {"resource":{"resourceType":"Condition","id":"c1"}},{"resource":{"resourceType":"Condition","id":"c2"}},
             {"resource":{"resourceType":"Observation","id":"o1"}},
             {"resource":{"resourceType":"DiagnosticReport","id":"r1"}},{"resource":{"resourceType":"Encounter","id":"e1"}}]}
            """);

        using var body = JsonDocument.Parse(WarmupRecords.RequestBody(bundle.RootElement));

        var root = body.RootElement;
        Assert.Equal(("patient-view", "p1"), (root.GetProperty("hook").GetString(), root.GetProperty("context").GetProperty("patientId").GetString()));
        var prefetch = root.GetProperty("prefetch");
        Assert.Equal("p1", prefetch.GetProperty("patient").GetProperty("id").GetString());
        string[] Ids(string key) => [.. prefetch.GetProperty(key).GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource").GetProperty("id").GetString()!)];
        Assert.Equal(["c1", "c2"], Ids("conditions"));
        Assert.Equal(["o1"], Ids("labs"));
        Assert.Equal(["r1"], Ids("reports"));
    }
}
