using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MbcFhirEdu.Fhir.Diagnostics;

/// <summary>
/// What the SMART/FHIR client measures of its own HTTP calls, on the <see cref="MeterName"/> meter (the app's own
/// signals live in the web app). Tags carry the client, method and status code or error type — never the URL, which
/// holds FHIR ids. One instance per application, created through <see cref="IMeterFactory"/>, so each host — and each
/// test host — has its own.
/// </summary>
public sealed class FhirClientMetrics : IDisposable
{
    /// <summary>The meter's name; add it to OpenTelemetry with AddMeter.</summary>
    public const string MeterName = "MbcFhirEdu.Fhir";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;

    public FhirClientMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _requests = _meter.CreateCounter<long>("mbcedu.fhir.client.requests", "{request}",
            "Outbound SMART/FHIR HTTP requests, by client (fhir or smart), method and status code or error type.");
        _duration = _meter.CreateHistogram<double>("mbcedu.fhir.client.duration", "s",
            "Duration of outbound SMART/FHIR HTTP requests, retries included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
    }

    /// <summary>One outbound SMART/FHIR request: <paramref name="statusCode"/> when an answer came, else <paramref name="errorType"/>.</summary>
    public void Request(string client, string method, int? statusCode, string? errorType, TimeSpan elapsed)
    {
        var tags = new TagList { { "mbcedu.fhir.client", client }, { "http.request.method", method } };
        if (statusCode is { } status) tags.Add("http.response.status_code", status);
        if (errorType is not null) tags.Add("error.type", errorType);
        _requests.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }

    public void Dispose() => _meter.Dispose();
}
