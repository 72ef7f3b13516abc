namespace MbcFhirEdu.Web.Infrastructure.Observability;

/// <summary>
/// Feeds the <c>mbcedu.outbox.depth</c> gauge of <see cref="EduMetrics"/>. Register one as a singleton
/// (<c>services.AddSingleton&lt;IOutboxDepthProvider, ...&gt;()</c>) before EduMetrics is first resolved. The gauge
/// is read on the exporter's thread at each collection, so return a recent cached figure (e.g. counted by the
/// outbox worker on each pass), never query the database here.
/// </summary>
public interface IOutboxDepthProvider
{
    /// <summary>Deliveries waiting to be sent; null when not known yet (no measurement is reported then).</summary>
    long? CurrentDepth { get; }
}
