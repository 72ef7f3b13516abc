using System.Text;
using MbcFhirEdu.Web.Infrastructure.Observability;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MbcFhirEdu.Web.Tests.Observability;

/// <summary>
/// Issue 7 item 4: with <c>OpenTelemetry:OtlpEndpoint</c> set, traces and metrics reach an OTLP collector (here a
/// loopback stand-in); the spans carry no patient id. Without it nothing is exported.
/// </summary>
public sealed class OtlpExportTests
{
    private const string PatientId = "recurrence-lung-liver-esr1";

    [Fact]
    public async Task WithAnEndpoint_ALaunchIsExportedAsTracesAndMetrics_WithoutThePatientId()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        var factory = WebAppFactory.With(new Dictionary<string, string?>
        {
            [ObservabilityRegistration.OtlpEndpointKey] = collector.Endpoint.AbsoluteUri,
            [ObservabilityRegistration.OtlpProtocolKey] = "http/protobuf",
        });
        await Launches.AsPatientAsync(factory.NewBrowser(), PatientId);
        var tracerProvider = factory.Services.GetService<TracerProvider>();
        var meterProvider = factory.Services.GetService<MeterProvider>();
        Assert.NotNull(tracerProvider);
        Assert.NotNull(meterProvider);
        // Export now rather than on the exporters' schedules; true means the collector accepted every batch.
        Assert.True(tracerProvider.ForceFlush(30_000), "the trace export did not complete");
        Assert.True(meterProvider.ForceFlush(30_000), "the metric export did not complete");
        await factory.DisposeAsync();

        var traces = Text(collector.Bodies("/v1/traces"));
        var metrics = Text(collector.Bodies("/v1/metrics"));
        Assert.Contains("mbcfhiredu-web", traces);           // service.name resource attribute
        Assert.Contains("patient-record.load", traces);      // our own span
        Assert.Contains("/callback", traces);                // inbound request spans
        // Outbound client spans come from SocketsHttpHandler's diagnostics; the test host's in-process handler has
        // none, so their redaction is covered by FhirUrls_LoseIdsAndQueries below.
        Assert.DoesNotContain(PatientId, traces);
        Assert.DoesNotContain("code=", traces);
        Assert.Contains("mbcedu.fhir.client.requests", metrics);
        Assert.Contains("mbcedu.launches", metrics);
        Assert.Contains("mbcedu.recommendations.served", metrics);
        Assert.Contains("http.server.request.duration", metrics);
    }

    [Fact]
    public async Task WithoutAnEndpoint_NothingIsExported()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        var factory = new WebAppFactory();
        await Launches.AsPatientAsync(factory.NewBrowser(), PatientId);
        Assert.Null(factory.Services.GetService<TracerProvider>());
        Assert.Null(factory.Services.GetService<MeterProvider>());
        await factory.DisposeAsync();

        Assert.Empty(collector.Bodies("/v1/traces"));
        Assert.Empty(collector.Bodies("/v1/metrics"));
    }

    [Theory]
    [InlineData("https://ehr.example/r4/Patient/abc-123", "https://ehr.example/r4/Patient/{id}")]
    [InlineData("https://ehr.example/r4/Observation?patient=abc-123&_count=50", "https://ehr.example/r4/Observation")]
    [InlineData("https://ehr.example/r4/Patient/abc-123/_history/2", "https://ehr.example/r4/Patient/{id}/_history/2")]
    [InlineData("https://ehr.example/r4/Patient/$match", "https://ehr.example/r4/Patient/$match")]
    [InlineData("https://auth.example/oauth2/token", "https://auth.example/oauth2/token")]
    public void FhirUrls_LoseIdsAndQueries(string url, string expected) =>
        Assert.Equal(expected, TelemetryRedaction.RedactFhirUrl(new Uri(url)));

    private static string Text(IEnumerable<byte[]> bodies) => string.Concat(bodies.Select(b => Encoding.UTF8.GetString(b)));
}
