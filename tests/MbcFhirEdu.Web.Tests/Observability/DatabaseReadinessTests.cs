using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using MbcFhirEdu.Tests.Shared;
using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests.Observability;

/// <summary>Issue 7: <c>/health/ready</c> checks the database (EF Core's DbContext check); <c>/health/live</c> does not.</summary>
public sealed class DatabaseReadinessTests
{
    [Fact]
    public async Task Ready_is_Healthy_on_PostgreSQL_and_turns_503_when_the_database_goes_away_while_live_stays_200()
    {
        var cluster = await PostgresCluster.SharedAsync();
        var connectionString = await cluster.CreateDatabaseAsync("mbcedu_ready");
        var dropped = false;
        try
        {
            using var factory = WebAppFactory.With(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "PostgreSQL",
                ["ConnectionStrings:MbcEdu"] = connectionString,
                ["Database:MigrateOnStartup"] = "true",
                ["Deliveries:WorkerEnabled"] = "false",
            });
            var client = factory.CreateClient();

            var (status, database) = await ReadyAsync(client);
            Assert.Equal((HttpStatusCode.OK, "Healthy"), (status, database));

            await cluster.DropDatabaseAsync(connectionString);
            dropped = true;
            (status, database) = await ReadyAsync(client);
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (status, database));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            if (!dropped) await cluster.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Ready_is_503_when_no_PostgreSQL_server_listens_at_the_configured_address()
    {
        using var factory = WebAppFactory.With(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSQL",
            ["ConnectionStrings:MbcEdu"] = $"Host=127.0.0.1;Port={ClosedPort()};Database=mbcedu;Username=mbcedu;Password=unused;Timeout=3",
            ["Database:MigrateOnStartup"] = "false",
            ["Deliveries:WorkerEnabled"] = "false",
        });
        var client = factory.CreateClient();

        var (status, database) = await ReadyAsync(client);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (status, database));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    private static async Task<(HttpStatusCode Status, string? Database)> ReadyAsync(HttpClient client)
    {
        var response = await client.GetAsync("/health/ready");
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", body);
        using var json = JsonDocument.Parse(body);
        var database = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "database");
        return (response.StatusCode, database.GetProperty("status").GetString());
    }

    // A loopback port nobody listens on (bound, read, released).
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
