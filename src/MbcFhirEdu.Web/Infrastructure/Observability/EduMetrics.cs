using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MbcFhirEdu.Web.Infrastructure.Observability;

/// <summary>
/// The app's own OpenTelemetry signals — launches, pages, deliveries, the outbox: the <see cref="Meter"/> and
/// <see cref="ActivitySource"/> named <see cref="Name"/> (exported over OTLP when an endpoint is configured). The FHIR
/// client's HTTP calls are measured in the FHIR project (<c>FhirClientMetrics</c>). Tags carry modes, outcomes, status codes
/// and counts only — never patient ids, names, tokens or URLs with ids in them. One instance per application
/// (a singleton created through <see cref="IMeterFactory"/>, so each host — and each test host — has its own).
/// </summary>
public sealed class EduMetrics : IDisposable
{
    /// <summary>The name of the Meter and the ActivitySource; add it to OpenTelemetry with AddMeter/AddSource.</summary>
    public const string Name = "MbcFhirEdu";

    private readonly Meter _meter;
    private readonly Counter<long> _launches;
    private readonly Counter<long> _recommendations;
    private readonly Counter<long> _deliveryFailures;

    public EduMetrics(IMeterFactory meterFactory, IEnumerable<IOutboxDepthProvider> outboxDepthProviders)
    {
        _meter = meterFactory.Create(Name);
        ActivitySource = new ActivitySource(Name);
        _launches = _meter.CreateCounter<long>("mbcedu.launches", "{launch}",
            "SMART launches by stage (begin: /launch, complete: /callback), mode or audience, and outcome.");
        _recommendations = _meter.CreateCounter<long>("mbcedu.recommendations.served", "{recommendation}",
            "Education materials shown on recommendation pages, by audience.");
        _deliveryFailures = _meter.CreateCounter<long>("mbcedu.deliveries.failed", "{attempt}",
            "Failed attempts to deliver a material to the EHR, by kind (transient: retried; permanent: given up).");
        var providers = outboxDepthProviders.ToArray();
        _meter.CreateObservableGauge("mbcedu.outbox.depth", () => ObserveOutboxDepth(providers), "{delivery}",
            "Deliveries waiting in the outbox, as reported by the registered IOutboxDepthProvider(s).");
    }

    /// <summary>Spans of the service's own work (e.g. loading a patient record); add <see cref="Name"/> with AddSource.</summary>
    public ActivitySource ActivitySource { get; }

    /// <summary><c>/launch</c> handled: <paramref name="mode"/> is the SMART launch mode; <paramref name="outcome"/> "redirected" or an error code.</summary>
    public void LaunchBegun(string mode, string outcome) =>
        _launches.Add(1, new TagList { { "mbcedu.launch.stage", "begin" }, { "mbcedu.launch.mode", mode }, { "mbcedu.launch.outcome", outcome } });

    /// <summary><c>/callback</c> handled: <paramref name="audience"/> "patient", "clinician" or "unknown"; <paramref name="outcome"/> "session-started" or an error code.</summary>
    public void LaunchCompleted(string audience, string outcome) =>
        _launches.Add(1, new TagList { { "mbcedu.launch.stage", "complete" }, { "mbcedu.audience", audience }, { "mbcedu.launch.outcome", outcome } });

    /// <summary>A recommendation page (or API answer) served <paramref name="count"/> materials to <paramref name="audience"/>.</summary>
    public void RecommendationsServed(string audience, int count) =>
        _recommendations.Add(count, new KeyValuePair<string, object?>("mbcedu.audience", audience));

    /// <summary>A delivery attempt to the EHR failed; <paramref name="permanent"/> when it will not be retried.</summary>
    public void DeliveryFailed(bool permanent, string reason) =>
        _deliveryFailures.Add(1, new TagList { { "mbcedu.delivery.failure", permanent ? "permanent" : "transient" }, { "mbcedu.delivery.reason", reason } });

    public void Dispose()
    {
        ActivitySource.Dispose();
        _meter.Dispose();
    }

    private static IEnumerable<Measurement<long>> ObserveOutboxDepth(IOutboxDepthProvider[] providers)
    {
        foreach (var provider in providers)
        {
            if (provider.CurrentDepth is { } depth) yield return new Measurement<long>(depth);
        }
    }
}
