using System.Net;
using Polly;
using Polly.Timeout;

namespace MbcFhirEdu.Fhir.Http;

/// <summary>Which outcomes are worth another try, and which say that a server as a whole is failing.</summary>
internal static class TransientFailure
{
    /// <summary>408, 429, 5xx (but 501/505, which will not change), network errors and per-try timeouts.</summary>
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome) =>
        NoAnswer(outcome)
        || (outcome.Result is { } response && (response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || IsServerFault(response.StatusCode)));

    /// <summary>
    /// What counts against a server's circuit: no answer at all (connection refused or reset, DNS, TLS, per-try
    /// timeout) or an answer that speaks for the whole server (502 Bad Gateway, 503 Service Unavailable, RFC 9110
    /// §15.6). A 500 to one search says that search failed — often for one patient's data — while the server is up
    /// and answering others, so it is retried but never opens the circuit; nor does 429, which asks us to slow down.
    /// </summary>
    public static bool CountsAgainstServer(Outcome<HttpResponseMessage> outcome) =>
        NoAnswer(outcome) || outcome.Result?.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable;

    private static bool NoAnswer(Outcome<HttpResponseMessage> outcome) => outcome.Exception is HttpRequestException or TimeoutRejectedException;

    private static bool IsServerFault(HttpStatusCode status) =>
        (int)status >= 500 && status is not (HttpStatusCode.NotImplemented or HttpStatusCode.HttpVersionNotSupported);
}
