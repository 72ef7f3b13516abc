using MbcFhirEdu.Tests.Shared;
using MbcFhirEdu.Web.Features.Population;
using Microsoft.Extensions.Time.Testing;

namespace MbcFhirEdu.Web.Tests.Population;

/// <summary>
/// Two instances of the web app on one PostgreSQL database (a private server, <see cref="PostgresCluster"/>): while one
/// runs the scheduled population run, the other's attempt is skipped without a single request to the EHR; once the first
/// has finished, the other runs.
/// </summary>
public sealed class PopulationReplicaTests
{
    [Fact]
    public async Task Two_app_instances_on_one_PostgreSQL_run_the_schedule_one_at_a_time()
    {
        var cluster = await PostgresCluster.SharedAsync();
        var connection = await cluster.CreateDatabaseAsync("mbcedu_replicas");
        try
        {
            var database = new Dictionary<string, string?>
            {
                ["Database:Provider"] = "PostgreSQL",
                ["Database:MigrateOnStartup"] = "true",
                ["ConnectionStrings:MbcEdu"] = connection,
            };
            var gate = new OutboundGate(r => r.RequestUri!.AbsolutePath.EndsWith("/$export", StringComparison.Ordinal));
            using var a = ScheduleHosts.Create(new FakeTimeProvider(DateTimeOffset.UtcNow), enabled: false, gate, database);
            var first = a.Scheduler(); // a starts and migrates the database; then b starts on it
            using var b = ScheduleHosts.Create(new FakeTimeProvider(DateTimeOffset.UtcNow), enabled: false, extra: database);
            var other = b.Scheduler();
            var before = b.Factory.OutboundRequests;
            // a's run holds the lock and waits in its kick-off (held well inside the kick-off's own timeout).
            var running = first.RunOnceAsync(CancellationToken.None);
            await gate.WaitEnteredAsync();

            Assert.Equal(ScheduledRunOutcome.Skipped, await other.RunOnceAsync(CancellationToken.None));
            Assert.Equal(before, b.Factory.OutboundRequests);

            gate.Open();
            Assert.Equal(ScheduledRunOutcome.Completed, await running);
            Assert.Equal(ScheduledRunOutcome.Completed, await other.RunOnceAsync(CancellationToken.None));
            Assert.Equal(2, (await b.RunsAsync()).Count(r => r.FinishedAt is not null));
        }
        finally
        {
            await cluster.DropDatabaseAsync(connection);
        }
    }
}
