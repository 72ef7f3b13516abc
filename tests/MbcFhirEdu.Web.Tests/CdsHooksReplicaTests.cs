using MbcFhirEdu.Data.CdsHooks;
using System.Net;
using System.Text.Json;
using MbcFhirEdu.Tests.Shared;
using MbcFhirEdu.Web.Features.CdsHooks;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Web.Tests;

/// <summary>
/// CDS Hooks behind a load balancer: two app instances over one PostgreSQL database. A JWT accepted by one is refused
/// by the other (the jti is in the database), concurrent posts of one JWT to both are accepted once, and feedback
/// posted to one is read by the other.
/// </summary>
public sealed class CdsHooksReplicaTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>, IDisposable
{
    private static readonly string Body = CdsCalls.Request("her2-positive-brain", new System.Text.Json.Nodes.JsonObject
    {
        ["patient"] = null, ["conditions"] = null, ["labs"] = null,
    }).ToJsonString();

    private readonly CdsClientKey _key = new("replica-key");

    private WebAppFactory NewReplica() => WebAppFactory.With(new Dictionary<string, string?>(database.Settings)
    {
        ["Deliveries:WorkerEnabled"] = "false",
        ["CdsHooks:RequireAuthentication"] = "true",
        ["CdsHooks:Deadline"] = "00:00:05",
        ["CdsHooks:Clients:0:Issuer"] = CdsClientKey.Issuer,
        ["CdsHooks:Clients:0:Jwks"] = _key.JwksJson,
    });

    [Fact]
    public async Task A_JWT_accepted_by_one_replica_is_refused_by_the_other()
    {
        using var a = NewReplica();
        using var b = NewReplica();
        var token = _key.Sign();

        var first = await CdsCalls.PostAsync(a.CreateClient(), Body, token);
        var replay = await CdsCalls.PostAsync(b.CreateClient(), Body, token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        using var problem = JsonDocument.Parse(await replay.Content.ReadAsStringAsync());
        Assert.Contains("already used", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_JWT_posted_to_both_replicas_at_once_is_accepted_exactly_once()
    {
        using var a = NewReplica();
        using var b = NewReplica();
        var clients = new[] { a.CreateClient(), b.CreateClient() };
        // Warm both replicas (first hook call per process also sweeps the jti table).
        foreach (var client in clients) Assert.Equal(HttpStatusCode.OK, (await CdsCalls.PostAsync(client, Body, _key.Sign())).StatusCode);

        var token = _key.Sign();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => CdsCalls.PostAsync(clients[i % 2], Body, token)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Feedback_posted_to_one_replica_is_read_by_the_other()
    {
        using var a = NewReplica();
        using var b = NewReplica();
        var card = Guid.NewGuid().ToString();
        var feedback = $$$"""{"feedback":[{"card":"{{{card}}}","outcome":"overridden","outcomeTimestamp":"2026-12-03T10:00:00Z","overrideReason":{"reason":{"code":"not-relevant","system":"http://example.org/reasons"},"userComment":"Discussed last week"}}]}""";

        var posted = await CdsCalls.PostAsync(a.CreateClient(), feedback, _key.Sign(audience: WebAppFactory.Origin + CdsCalls.ServicePath + "/feedback"), CdsCalls.ServicePath + "/feedback");

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var stored = (await b.Services.GetRequiredService<ICdsFeedbackStore>().RecentAsync(50, CancellationToken.None)).Single(f => f.Card == card);
        Assert.Equal(("overridden", "not-relevant", "Discussed last week", CdsClientKey.Issuer), (stored.Outcome, stored.OverrideReasonCode, stored.UserComment, stored.Issuer));
    }

    public void Dispose() => _key.Dispose();
}
