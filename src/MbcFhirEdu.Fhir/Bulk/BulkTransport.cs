using System.Net;
using System.Net.Http.Headers;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.Smart;
using Microsoft.Extensions.Options;
using Polly;

namespace MbcFhirEdu.Fhir.Bulk;

/// <summary>
/// One Bulk Data request on the wire: the allow-list check, the FHIR base it belongs to (whose Backend Services token
/// authorises it), the bearer token, and one more try with a new token after a 401.
/// </summary>
internal sealed class BulkTransport
{
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly BulkTokenSource _tokens;
    private readonly bool _tokensConfigured;
    private readonly IssuerAllowList _allowList;
    private readonly List<Uri> _bases;

    public BulkTransport(IHttpClientFactory httpClientFactory, BulkTokenSource tokens, IOptions<BackendServicesOptions> backend,
        IssuerAllowList allowList, IOptions<SmartClientOptions> smart)
    {
        _httpClientFactory = httpClientFactory;
        _tokens = tokens;
        _tokensConfigured = backend.Value.IsConfigured;
        _allowList = allowList;
        _bases = [.. smart.Value.AllowedIssuers.Select(i => IssuerAllowList.TryNormalize(i, out var b) ? b : null).OfType<Uri>()];
    }

    /// <summary>The allow-listed FHIR base for <paramref name="fhirBase"/>, or a refusal naming the step.</summary>
    public Uri RequireBase(string step, Uri fhirBase) =>
        _allowList.TryGetIssuer(fhirBase.AbsoluteUri, out var issuer)
            ? issuer
            : throw new BulkExportException(step, fhirBase, "refused", "this FHIR base is not on Smart:AllowedIssuers; nothing was sent");

    /// <summary>
    /// The FHIR base a status or file URL belongs to: it must be on an allowed origin; the base whose path holds it wins,
    /// else the only base on that origin (some servers serve status and files outside the FHIR base path). The token of
    /// that base authorises the request, so a resumed run needs only the URL.
    /// </summary>
    public Uri BaseOf(string step, Uri url)
    {
        if (!_allowList.IsAllowedUrl(url))
            throw new BulkExportException(step, url, "refused",
                $"{(url.IsAbsoluteUri ? IssuerAllowList.OriginOf(url) : "a relative URL")} is not an allowed origin (Smart:AllowedIssuers); nothing was sent");
        var origin = IssuerAllowList.OriginOf(url);
        var sameOrigin = _bases.Where(b => IssuerAllowList.OriginOf(b) == origin).ToList();
        var holder = sameOrigin.Where(b => url.AbsolutePath.StartsWith(b.AbsolutePath.TrimEnd('/') + "/", StringComparison.Ordinal))
            .MaxBy(b => b.AbsolutePath.Length);
        return holder ?? (sameOrigin.Count == 1 ? sameOrigin[0]
            : throw new BulkExportException(step, url, "refused", "the URL is on an allowed origin but under none of its FHIR bases, and the origin has several"));
    }

    /// <summary>
    /// Sends one request (headers read, the body left on the wire). With <paramref name="authorize"/>, a Backend Services
    /// token goes along when one is configured, and a 401 gets one new token and one more try. Transport failures
    /// (<see cref="IsTransportFailure"/>) propagate for the caller to classify.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(string step, HttpMethod method, Uri url, Uri fhirBase, string accept,
        bool authorize, bool preferAsync, Action<HttpResponseMessage>? onUnauthorized, CancellationToken cancellationToken)
    {
        var session = fhirBase.AbsoluteUri;
        var token = authorize && _tokensConfigured ? await TokenAsync(step, url, _tokens.GetAccessTokenAsync(session, cancellationToken)).ConfigureAwait(false) : null;
        var response = await SendOnceAsync(method, url, fhirBase, accept, token, preferAsync, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || token is null) return response;

        onUnauthorized?.Invoke(response);
        response.Dispose();
        var renewed = await TokenAsync(step, url, _tokens.OnUnauthorizedAsync(session, token, cancellationToken)).ConfigureAwait(false);
        return await SendOnceAsync(method, url, fhirBase, accept, renewed, preferAsync, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>No answer at all: connection refused or reset, per-try timeout, open circuit.</summary>
    public static bool IsTransportFailure(Exception ex) => ex is HttpRequestException or IOException or ExecutionRejectedException;

    private static async Task<string> TokenAsync(string step, Uri url, Task<AccessTokenResult> pending)
    {
        var result = await pending.ConfigureAwait(false);
        return result.Succeeded
            ? result.AccessToken
            : throw new BulkExportException(step, url, "no access token", $"SMART Backend Services: {result.Error.Message}");
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, Uri url, Uri fhirBase, string accept, string? token,
        bool preferAsync, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        if (preferAsync) request.Headers.TryAddWithoutValidation("Prefer", "respond-async");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Options.Set(FhirRequestOptions.BreakerScope, fhirBase.AbsoluteUri);
        // DELETE of a job is idempotent (a second one finds 404, which counts as done).
        if (method == HttpMethod.Delete) request.Options.Set(FhirRequestOptions.RetrySafeKey, true);
        var http = _httpClientFactory.CreateClient(BulkExportClient.HttpClientName);
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }
}
