using System.Net;
using MbcFhirEdu.Data.Audit;
using MbcFhirEdu.Tests.Shared;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MbcFhirEdu.Web.Tests.Audit;

/// <summary>
/// Issue 16: audit rows are batched, never dropped. Calls answered just before the host stops (what SIGTERM does:
/// the host's StopAsync, then its services disposed) all have their rows in the database afterwards.
/// </summary>
public sealed class AuditOnShutdownTests : IAsyncLifetime
{
    private const string Patient = "recurrence-lung-liver-esr1";
    private readonly SqliteTestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Concurrent_CDS_calls_answered_right_before_the_host_stops_each_leave_their_audit_row()
    {
        var factory = WebAppFactory.With(new Dictionary<string, string?>(_database.Settings) { ["CdsHooks:RequireAuthentication"] = "false" });
        var token = await CdsCalls.SandboxTokenAsync(factory, Patient);
        var prefetch = await CdsCalls.PrefetchAsync(factory, Patient, token);
        var client = factory.CreateClient();
        var body = CdsCalls.Request(Patient, prefetch).ToJsonString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => CdsCalls.PostAsync(client, body, jwt: null)));
        await factory.DisposeAsync(); // stops the host at once, as SIGTERM does

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await using var db = await _database.CreateFactory().CreateDbContextAsync();
        Assert.Equal(12, await db.AuditEvents.CountAsync(a => a.Action == AuditActions.CdsPatientView && a.PatientId == Patient && a.Outcome == "success"));
    }
}
