using System.Diagnostics.Metrics;
using MbcFhirEdu.Data.Deliveries;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Web.Infrastructure.Observability;
using MbcFhirEdu.Sandbox;
using MbcFhirEdu.Tests.Shared;
using MbcFhirEdu.Web.Tests.Infrastructure;
using MbcFhirEdu.Web.Tests.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Web.Tests.Observability;

/// <summary>
/// Issue 7: the <c>mbcedu.outbox.depth</c> gauge counts the shared outbox (cached, counted in the background) and
/// <c>mbcedu.deliveries.failed</c> is recorded by the sender — read through a MeterListener.
/// </summary>
public sealed class OutboxMetricsTests(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>
{
    [Fact]
    public async Task The_outbox_depth_gauge_reports_the_outstanding_deliveries_and_reuses_its_count_within_the_cache_duration()
    {
        using var factory = WebAppFactory.With(new Dictionary<string, string?>(database.Settings)
        {
            ["Deliveries:WorkerEnabled"] = "false",
            ["Deliveries:OutboxDepthCacheDuration"] = "01:00:00",
        });
        using var recorder = new MeasurementRecorder(factory.Services.GetRequiredService<IMeterFactory>(), EduMetrics.Name);
        var store = factory.Services.GetRequiredService<DeliveryStore>();
        var before = await store.CountOutstandingAsync(CancellationToken.None);
        await AddPendingAsync(store, 3);

        var first = await ObserveUntilAsync(recorder, _ => true);
        Assert.Equal(before + 3, first);

        // Within the cache duration the gauge does not count again: a new delivery is not seen yet.
        await AddPendingAsync(store, 1);
        recorder.Observe();
        await Task.Delay(300);
        recorder.Observe();
        Assert.All(recorder.Of("mbcedu.outbox.depth"), m => Assert.Equal(before + 3, m.Value));
    }

    [Fact]
    public async Task With_no_cache_the_gauge_follows_the_outbox()
    {
        using var factory = WebAppFactory.With(new Dictionary<string, string?>(database.Settings)
        {
            ["Deliveries:WorkerEnabled"] = "false",
            ["Deliveries:OutboxDepthCacheDuration"] = "00:00:00",
        });
        using var recorder = new MeasurementRecorder(factory.Services.GetRequiredService<IMeterFactory>(), EduMetrics.Name);
        var store = factory.Services.GetRequiredService<DeliveryStore>();
        var before = await store.CountOutstandingAsync(CancellationToken.None);
        await ObserveUntilAsync(recorder, _ => true);

        await AddPendingAsync(store, 2);

        Assert.Equal(before + 2, await ObserveUntilAsync(recorder, v => v == before + 2));
    }

    private static async Task AddPendingAsync(DeliveryStore store, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await store.CreateAsync(new NewDelivery("http://localhost/sandbox/fhir", "Practitioner/gauge-test", "gauge-patient", "bone-metastases", "en",
                null, "Practitioner/gauge-test", DeliveryTokenKind.UserSession, "protected"), Guid.NewGuid().ToString(), CancellationToken.None);
        }
    }

    // The gauge answers from its cache and counts in the background: observe until a measurement satisfies the test (bounded).
    private static async Task<long> ObserveUntilAsync(MeasurementRecorder recorder, Func<long, bool> done)
    {
        for (var i = 0; i < 100; i++)
        {
            recorder.Observe();
            var last = recorder.Of("mbcedu.outbox.depth").LastOrDefault();
            if (last is not null && done((long)last.Value)) return (long)last.Value;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException("the outbox depth gauge reported no fitting measurement within 5 s");
    }
}

/// <summary>The sender's failure counter, over a database of its own (the gauge tests leave undeliverable rows behind).</summary>
public sealed class DeliveryFailureMetricsTests(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>
{
    [Fact]
    public async Task The_sender_counts_a_transient_failure_and_a_permanent_one()
    {
        await using var app = await DeliveryHarness.StartWithLaunchAsync(database);
        using var recorder = new MeasurementRecorder(app.Services.GetRequiredService<IMeterFactory>(), EduMetrics.Name);

        app.Faults.FailNext(1, 503, target: FaultTarget.CommunicationWrite);
        var retried = await app.Deliveries.CreateAsync(app.Request(), Guid.NewGuid().ToString(), CancellationToken.None);
        Assert.Equal(DeliveryStatus.Delivered, (await app.RunUntilSettledAsync(retried.Delivery!.Id)).Status);
        app.Faults.FailNext(1, 422, target: FaultTarget.CommunicationWrite);
        var refused = await app.Deliveries.CreateAsync(app.Request("bone-metastases", "another note"), Guid.NewGuid().ToString(), CancellationToken.None);
        Assert.Equal(DeliveryStatus.Failed, (await app.RunUntilSettledAsync(refused.Delivery!.Id)).Status);

        var failures = recorder.Of("mbcedu.deliveries.failed");
        Assert.Equal(["permanent", "transient"], failures.Select(f => f["mbcedu.delivery.failure"]).Order());
        Assert.All(failures, f => Assert.Equal(1, f.Value));
        Assert.All(failures, f => Assert.False(string.IsNullOrEmpty(f["mbcedu.delivery.reason"])));
        // Tags carry kinds only, never ids.
        Assert.DoesNotContain(failures.SelectMany(f => f.Tags.Values), v => v is not null && (v.Contains(DeliveryHarness.Patient, StringComparison.Ordinal)
            || v.Contains(retried.Delivery.Id.ToString("D"), StringComparison.Ordinal)));
    }
}
