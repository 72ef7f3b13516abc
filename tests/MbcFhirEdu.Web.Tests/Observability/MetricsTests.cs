using System.Diagnostics.Metrics;
using MbcFhirEdu.Fhir.Diagnostics;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Web.Infrastructure.Observability;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MbcFhirEdu.Web.Tests.Observability;

/// <summary>Issue 7 item 4: the "MbcFhirEdu.Fhir" meter records FHIR calls; the app's "MbcFhirEdu" meter launches, recommendations, outbox depth and delivery failures.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task PortalLaunchAndPageLoad_RecordFhirCallsLaunchStagesAndRecommendations()
    {
        using var factory = new WebAppFactory();
        using var recorder = new MeasurementRecorder(factory.Services.GetRequiredService<IMeterFactory>(), EduMetrics.Name, FhirClientMetrics.MeterName);

        var html = await Launches.AsPatientAsync(factory.NewBrowser(), "de-novo-bone-pik3ca");

        var fhir = recorder.Of("mbcedu.fhir.client.requests").Where(r => r["mbcedu.fhir.client"] == "fhir").ToList();
        Assert.NotEmpty(fhir);
        Assert.All(fhir, r => Assert.Equal("GET", r["http.request.method"]));
        Assert.Contains(fhir, r => r["http.response.status_code"] == "200");
        // One measurement per logical FHIR request: the app's own request counter agrees.
        Assert.Equal(factory.Services.GetRequiredService<FhirRequestCounter>().Requests, fhir.Count);
        Assert.Contains(recorder.Of("mbcedu.fhir.client.requests"), r => r["mbcedu.fhir.client"] == "smart" && r["http.response.status_code"] == "200");
        var durations = recorder.Of("mbcedu.fhir.client.duration");
        Assert.Equal(recorder.Of("mbcedu.fhir.client.requests").Count, durations.Count);
        Assert.All(durations, d => Assert.True(d.Value > 0, "a request took no time"));

        var launches = recorder.Of("mbcedu.launches");
        Assert.Single(launches, l => l["mbcedu.launch.stage"] == "begin" && l["mbcedu.launch.outcome"] == "redirected");
        Assert.Single(launches, l => l["mbcedu.launch.stage"] == "complete" && l["mbcedu.audience"] == "patient" && l["mbcedu.launch.outcome"] == "session-started");
        Assert.DoesNotContain(launches.SelectMany(l => l.Tags.Values), v => v is not null && v.Contains("de-novo", StringComparison.Ordinal));

        var served = Assert.Single(recorder.Of("mbcedu.recommendations.served"));
        Assert.Equal("patient", served["mbcedu.audience"]);
        Assert.Equal(Html.MaterialIds(html).Count, (int)served.Value);
    }

    [Fact]
    public async Task RefusedLaunch_IsCountedWithItsErrorCode()
    {
        using var factory = new WebAppFactory();
        using var recorder = new MeasurementRecorder(factory.Services.GetRequiredService<IMeterFactory>(), EduMetrics.Name, FhirClientMetrics.MeterName);

        await factory.NewBrowser().GetAsync("/launch?iss=" + Uri.EscapeDataString("https://not-allowed.example/fhir"));

        var launch = Assert.Single(recorder.Of("mbcedu.launches"));
        Assert.Equal("begin", launch["mbcedu.launch.stage"]);
        Assert.Equal("UnknownIssuer", launch["mbcedu.launch.outcome"]);
        Assert.Empty(recorder.Of("mbcedu.fhir.client.requests"));
    }

    [Fact]
    public void OutboxDepth_IsReadFromTheRegisteredProvider_AndDeliveryFailuresAreCounted()
    {
        var provider = new FixedDepth { CurrentDepth = null };
        using var factory = new WebAppFactory
        {
            // In place of the app's own database-backed provider (OutboxDepthGaugeTests covers that one).
            ConfigureServices = services => services.RemoveAll<IOutboxDepthProvider>().AddSingleton<IOutboxDepthProvider>(provider),
        };
        using var recorder = new MeasurementRecorder(factory.Services.GetRequiredService<IMeterFactory>(), EduMetrics.Name);
        var metrics = factory.Services.GetRequiredService<EduMetrics>();

        recorder.Observe();
        Assert.Empty(recorder.Of("mbcedu.outbox.depth"));
        provider.CurrentDepth = 7;
        recorder.Observe();
        metrics.DeliveryFailed(permanent: false, "http-503");
        metrics.DeliveryFailed(permanent: true, "rejected");

        Assert.Equal(7, Assert.Single(recorder.Of("mbcedu.outbox.depth")).Value);
        var failures = recorder.Of("mbcedu.deliveries.failed");
        Assert.Equal(["permanent", "transient"], failures.Select(f => f["mbcedu.delivery.failure"]).Order());
    }

    private sealed class FixedDepth : IOutboxDepthProvider
    {
        public long? CurrentDepth { get; set; }
    }
}
