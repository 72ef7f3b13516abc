using System.Diagnostics;

namespace MbcFhirEdu.Fhir.Diagnostics;

/// <summary>
/// Outermost handler of the SMART and FHIR HttpClients: records each logical request (all its retries) in
/// <see cref="FhirClientMetrics"/> with its status code or error type and duration. Tags never carry the URL.
/// </summary>
public sealed class FhirMetricsHandler(FhirClientMetrics metrics, string client) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            metrics.Request(client, request.Method.Method, (int)response.StatusCode, null, Stopwatch.GetElapsedTime(started));
            return response;
        }
        catch (Exception e)
        {
            var type = e is OperationCanceledException && cancellationToken.IsCancellationRequested ? "canceled" : e.GetType().Name;
            metrics.Request(client, request.Method.Method, null, type, Stopwatch.GetElapsedTime(started));
            throw;
        }
    }
}
