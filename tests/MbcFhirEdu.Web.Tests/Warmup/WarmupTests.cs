using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MbcFhirEdu.Data;
using MbcFhirEdu.Sandbox;
using MbcFhirEdu.Web.Infrastructure.Warmup;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Tests.Warmup;

/// <summary>
/// Issue 16 item 4: the start-up warm-up (on by default, <c>Warmup:Enabled</c>) runs the CDS service's own code on every
/// sandbox record before the server listens, answers each one, and leaves no trace a reader of the audit log or a CDS
/// client would see. The other web test hosts start with it off (it costs seconds per host).
/// </summary>
public sealed partial class WarmupTests(WarmupTests.WarmedApp warmed) : IClassFixture<WarmupTests.WarmedApp>
{
    /// <summary>One app with the warm-up at its default (on), started once for the tests that read what its start did.</summary>
    public sealed class WarmedApp : IAsyncLifetime
    {
        public CdsAppFactory Cds { get; } = new();

        /// <summary>The first answer of <c>/health/ready</c>, and the log lines written by the time it arrived.</summary>
        public HttpStatusCode FirstReady { get; private set; }
        public IReadOnlyList<string> LinesAtFirstReady { get; private set; } = [];

        /// <summary>Outbound requests the app tried (the warm-up must make none: its prefetches are complete).</summary>
        public int Outbound => Volatile.Read(ref _outbound);
        private int _outbound;

        public async Task InitializeAsync()
        {
            Cds.App.Remove("Warmup:Enabled"); // the app's own default
            // The factory's outbound handler reaches the in-process sandbox through the test server, which does not
            // exist yet while hosted services start (the warm-up runs before it; creating that handler then would wait
            // for the server forever): this host's clients get only a handler that counts and refuses.
            var configure = Cds.App.ConfigureServices;
            Cds.App.ConfigureServices = services =>
            {
                configure?.Invoke(services);
                services.PostConfigureAll<HttpClientFactoryOptions>(options =>
                {
                    options.HttpMessageHandlerBuilderActions.Clear();
                    options.HttpMessageHandlerBuilderActions.Add(handlers => handlers.PrimaryHandler = new Refuse(this));
                });
            };
            using var client = Cds.App.CreateClient();
            using var response = await client.GetAsync("/health/ready");
            LinesAtFirstReady = [.. Cds.App.Logs.Entries.Select(e => e.Message)];
            FirstReady = response.StatusCode;
        }

        public Task DisposeAsync()
        {
            Cds.Dispose();
            return Task.CompletedTask;
        }

        private sealed class Refuse(WarmedApp owner) : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref owner._outbound);
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request });
            }
        }
    }

    private static int SandboxRecords() =>
        typeof(SandboxFaults).Assembly.GetManifestResourceNames().Count(n => n.StartsWith("MbcFhirEdu.Sandbox.Data.Bundle-", StringComparison.Ordinal));

    [GeneratedRegex(@"^Warm-up done in \d+ ms \((\d+) CDS calls answered\)$")]
    private static partial Regex DoneLine();

    [Fact]
    public void The_warm_up_is_on_by_default_and_readiness_answers_only_after_it_answered_every_sandbox_record()
    {
        Assert.True(warmed.Cds.App.Services.GetRequiredService<IOptions<WarmupOptions>>().Value.Enabled);
        Assert.Equal(HttpStatusCode.OK, warmed.FirstReady);

        var done = warmed.LinesAtFirstReady.Select(l => DoneLine().Match(l)).Single(m => m.Success);

        Assert.True(SandboxRecords() > 10);
        Assert.Equal(SandboxRecords(), int.Parse(done.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_warm_up_writes_no_audit_row_no_jti_of_a_real_client_makes_no_outbound_request_and_logs_no_refused_CDS_call()
    {
        Assert.Contains(warmed.LinesAtFirstReady, l => DoneLine().IsMatch(l));
        Assert.Equal(0, warmed.Outbound);

        await using var db = await warmed.Cds.App.Services.GetRequiredService<IDbContextFactory<MbcEduDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.AuditEvents.CountAsync());
        Assert.Equal(0, await db.CdsJtis.CountAsync(j => j.Issuer == CdsClientKey.Issuer));
        Assert.DoesNotContain(warmed.Cds.App.Logs.Entries, e => e.Message.Contains("refused", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task With_Warmup_Enabled_false_the_app_starts_without_running_it()
    {
        using var cds = new CdsAppFactory();
        cds.App.Set("Warmup:Enabled", "false");
        using var client = cds.App.CreateClient();

        using var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(cds.App.Logs.Entries, e => e.Message.StartsWith("Warm-up", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_directly_the_warm_up_answers_every_sandbox_record_with_cards()
    {
        using var cds = new CdsAppFactory();
        var warmup = cds.App.Services.GetServices<IHostedService>().OfType<WarmupService>().Single();

        var answered = await warmup.RunAsync(CancellationToken.None);

        Assert.Equal(SandboxRecords(), answered);
        await using var db = await cds.App.Services.GetRequiredService<IDbContextFactory<MbcEduDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.AuditEvents.CountAsync());
    }

    [Fact]
    public void The_warm_up_starts_before_the_web_server_so_nothing_is_served_until_it_is_done()
    {
        var hosted = warmed.Cds.App.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToList();

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
