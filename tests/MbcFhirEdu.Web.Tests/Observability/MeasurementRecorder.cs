using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace MbcFhirEdu.Web.Tests.Observability;

/// <summary>
/// Listens to the instruments of the named meters of one host's <see cref="IMeterFactory"/> (meters carry their factory as Scope), so
/// tests running in parallel, each with its own host, do not see each other's measurements.
/// </summary>
internal sealed class MeasurementRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Recorded> _recorded = new();

    public MeasurementRecorder(IMeterFactory scope, params string[] meterNames)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (meterNames.Contains(instrument.Meter.Name) && ReferenceEquals(instrument.Meter.Scope, scope)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    public IReadOnlyList<Recorded> Of(string instrument) => _recorded.Where(r => r.Instrument == instrument).ToList();

    /// <summary>Reads the observable instruments (gauges) once.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _recorded.Enqueue(new Recorded(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString())));

    public sealed record Recorded(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags)
    {
        public string? this[string tag] => Tags.GetValueOrDefault(tag);
    }
}
