using System.Net;
using Polly;
using Polly.Timeout;

namespace MbcFhirEdu.Fhir.Http;

/// <summary>Which outcomes are worth another try, and which count against a FHIR server's circuit.</summary>
internal static class TransientFailure
{
    /// <summary>408, 429, 5xx (but 501/505, which will not change), network errors and per-try timeouts.</summary>
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || (outcome.Result is { } response && (response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || IsServerFault(response.StatusCode)));

    /// <summary>Like <see cref="ShouldRetry"/> but without 429: a server that asks us to slow down is not broken.</summary>
    public static bool CountsAsFailure(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || (outcome.Result is { } response && (response.StatusCode == HttpStatusCode.RequestTimeout || IsServerFault(response.StatusCode)));

    private static bool IsServerFault(HttpStatusCode status) =>
        (int)status >= 500 && status is not (HttpStatusCode.NotImplemented or HttpStatusCode.HttpVersionNotSupported);
}
