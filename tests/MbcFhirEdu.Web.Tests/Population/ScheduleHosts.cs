using MbcFhirEdu.Data;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Web.Features.Population;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Time.Testing;

namespace MbcFhirEdu.Web.Tests.Population;

/// <summary>
/// The web app with the API host's Backend Services client (allowed to export: <c>system/Group.rs</c>), a small, fast
/// sandbox cohort, and the scheduler's own clock, which the tests move by hand. An <see cref="OutboundGate"/> can hold
/// chosen outbound requests until the test opens it, so a run is caught half-way.
/// </summary>
internal static class ScheduleHosts
{
    public static ApiHost Create(TimeProvider scheduleClock, bool enabled, OutboundGate? gate = null, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sandbox:Clients:0:Scopes:0"] = "system/Patient.rs system/Condition.rs system/Observation.rs system/DiagnosticReport.rs system/Group.rs system/Communication.c",
            ["Sandbox:Bulk:JobSeconds"] = "0",
            ["Sandbox:Bulk:ResourcesPerFile"] = "100",
            ["Sandbox:Cohort:Size"] = "12",
            ["Sandbox:Cohort:ResourcesPerPatient"] = "20",
            ["BulkData:PollInterval"] = "00:00:00.050",
            ["Population:PollInterval"] = "00:00:00.050",
            ["Population:Schedule:Enabled"] = enabled ? "true" : "false",
            ["Population:Schedule:Interval"] = "01:00:00",
            // Not 0: a run that starts while the test host is still starting would make WebApplicationFactory build a
            // second host for its outbound requests (its server is not assigned yet). StartScheduleAsync moves past it.
            ["Population:Schedule:InitialDelay"] = "00:01:00",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        var host = ApiHost.Create("RS384", settings);
        host.Factory.ConfigureServices = services =>
        {
            services.AddKeyedSingleton(PopulationScheduler.ClockKey, scheduleClock);
            gate?.Install(services);
        };
        return host;
    }

    /// <summary>
    /// Starts the host, then moves the schedule's clock past the initial delay, a minute at a time, until the first
    /// attempt has begun (the scheduler registers its delay on a thread of its own, maybe after the host has started).
    /// The clock may end a few minutes past the delay: far less than the one-hour interval.
    /// </summary>
    public static async Task StartScheduleAsync(this ApiHost host, FakeTimeProvider clock)
    {
        var status = host.Status();
        for (var i = 0; i < 2400 && status.Started == 0; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(50);
        }
        Assert.True(status.Started > 0, "the scheduled run did not begin within 120 s");
    }

    public static PopulationScheduler Scheduler(this ApiHost host) => host.Factory.Services.GetRequiredService<PopulationScheduler>();

    public static PopulationScheduleStatus Status(this ApiHost host) => host.Factory.Services.GetRequiredService<PopulationScheduleStatus>();

    /// <summary>Waits (bounded) until the scheduler has ended <paramref name="attempts"/> attempts, and returns the last.</summary>
    public static async Task<ScheduledRunAttempt> AttemptAsync(this ApiHost host, int attempts)
    {
        var status = host.Status();
        for (var i = 0; i < 2400 && status.Attempts < attempts; i++) await Task.Delay(50);
        Assert.True(status.Attempts >= attempts, $"the scheduler ended {status.Attempts} of {attempts} attempts within 120 s");
        return status.Last!;
    }

    public static async Task<List<PopulationRunRecord>> RunsAsync(this ApiHost host)
    {
        await using var db = await host.Factory.Services.GetRequiredService<IDbContextFactory<MbcEduDbContext>>().CreateDbContextAsync();
        return await db.PopulationRuns.AsNoTracking().ToListAsync();
    }

    public static async Task<int> WorklistCountAsync(this ApiHost host)
    {
        await using var db = await host.Factory.Services.GetRequiredService<IDbContextFactory<MbcEduDbContext>>().CreateDbContextAsync();
        return await db.WorklistEntries.CountAsync();
    }
}

/// <summary>Holds the app's outbound requests that <see cref="Holds"/> picks until <see cref="Open"/> (or their cancellation).</summary>
internal sealed class OutboundGate(Func<HttpRequestMessage, bool> holds)
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Func<HttpRequestMessage, bool> Holds { get; } = holds;

    /// <summary>Completes when the first held request arrives.</summary>
    public Task Entered => _entered.Task;

    public void Open() => _open.TrySetResult();

    public void Install(IServiceCollection services) =>
        services.PostConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(b => b.AdditionalHandlers.Add(new Handler(this))));

    /// <summary>Waits (bounded) for a held request.</summary>
    public async Task WaitEnteredAsync()
    {
        var done = await Task.WhenAny(Entered, Task.Delay(TimeSpan.FromSeconds(120)));
        Assert.True(done == Entered, "no held request arrived within 120 s");
    }

    private sealed class Handler(OutboundGate gate) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (gate.Holds(request))
            {
                gate._entered.TrySetResult();
                await gate._open.Task.WaitAsync(cancellationToken);
            }
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
