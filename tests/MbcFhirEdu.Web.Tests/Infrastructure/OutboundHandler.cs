using System.Net;

namespace MbcFhirEdu.Web.Tests.Infrastructure;

/// <summary>
/// The primary handler of every HttpClient the app creates: counts each attempt, may answer with a planned fault,
/// and otherwise hands the request to the test server, where the sandbox EHR is hosted in the same app.
/// </summary>
internal sealed class OutboundHandler(WebAppFactory factory) : DelegatingHandler((factory.OutboundTo ?? factory).Server.CreateHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        factory.CountOutbound();
        if (factory.Delay?.Invoke(request) is { } delay) await Task.Delay(delay, cancellationToken);
        if (factory.Fault?.Invoke(request) is { } status)
            return new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent("{}") };
        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>Fault plans for <see cref="WebAppFactory.Fault"/>.</summary>
public static class Faults
{
    /// <summary>Every try of the lab Observation search fails with 500 (retries included); the other searches work.</summary>
    public static HttpStatusCode? LabObservationSearch(HttpRequestMessage request) =>
        request.RequestUri is { } uri && uri.AbsolutePath.EndsWith("/fhir/Observation", StringComparison.Ordinal)
        && uri.Query.Contains("category=laboratory", StringComparison.Ordinal)
            ? HttpStatusCode.InternalServerError
            : null;
}
