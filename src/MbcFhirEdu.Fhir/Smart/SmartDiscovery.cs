using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using MbcFhirEdu.Fhir.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>
/// SMART App Launch 2.2 §2.1 "Retrieve .well-known/smart-configuration", falling back to the CapabilityStatement's
/// <c>oauth-uris</c> extension for servers that predate it. Results are cached per issuer for
/// <c>Smart:DiscoveryCacheDuration</c> in this instance (register it as a singleton).
/// </summary>
public sealed class SmartDiscovery(
    IHttpClientFactory httpClientFactory,
    IssuerAllowList allowList,
    IOptions<SmartClientOptions> options,
    TimeProvider timeProvider,
    ILogger<SmartDiscovery> logger)
{
    private readonly ConcurrentDictionary<string, (SmartConfiguration Configuration, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);

    /// <param name="iss">The issuer as received; it is checked against the allow-list before any request.</param>
    public async Task<SmartDiscoveryResult> DiscoverAsync(string? iss, CancellationToken cancellationToken)
    {
        if (!allowList.TryGetIssuer(iss, out var issuer))
        {
            SmartLog.IssuerRejected(logger, iss is null ? "(none)" : iss.Length <= 200 ? iss : iss[..200] + "…", allowList.Count);
            return SmartDiscoveryResult.Failure(SmartErrorCode.UnknownIssuer, "This FHIR server is not one this app is registered with.");
        }
        var key = issuer.AbsoluteUri;
        var now = timeProvider.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && cached.Expires > now) return SmartDiscoveryResult.Success(cached.Configuration);

        var configuration =
            await FetchAsync(issuer, ".well-known/smart-configuration", "application/json", SmartConfigurationReader.ReadWellKnown, cancellationToken).ConfigureAwait(false)
            ?? await FetchAsync(issuer, "metadata", "application/fhir+json", SmartConfigurationReader.ReadCapabilityStatement, cancellationToken).ConfigureAwait(false);
        if (configuration is null)
        {
            SmartLog.DiscoveryFailed(logger);
            return SmartDiscoveryResult.Failure(SmartErrorCode.DiscoveryFailed, "The FHIR server did not publish its SMART endpoints.");
        }
        if (!AllEndpointsAllowed(configuration))
        {
            SmartLog.EndpointRejected(logger);
            return SmartDiscoveryResult.Failure(SmartErrorCode.EndpointNotAllowed, "The FHIR server named an authorization endpoint this app does not trust.");
        }
        SmartLog.Discovered(logger, configuration.Source.ToString(), configuration.Capabilities.Count);
        _cache[key] = (configuration, now + options.Value.DiscoveryCacheDuration);
        return SmartDiscoveryResult.Success(configuration);
    }

    private bool AllEndpointsAllowed(SmartConfiguration c) =>
        allowList.IsAllowedUrl(c.AuthorizationEndpoint) && allowList.IsAllowedUrl(c.TokenEndpoint) && (c.JwksUri is null || allowList.IsAllowedUrl(c.JwksUri));

    private async Task<SmartConfiguration?> FetchAsync(
        Uri issuer, string relative, string accept, Func<JsonElement, Uri, SmartConfiguration?> read, CancellationToken cancellationToken)
    {
        var url = new Uri(issuer.AbsoluteUri.TrimEnd('/') + "/" + relative);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        request.Options.Set(FhirRequestOptions.BreakerScope, issuer.AbsoluteUri);
        using var deadline = new Deadline(options.Value.SmartCallDeadline, timeProvider, cancellationToken);
        try
        {
            var http = httpClientFactory.CreateClient(FhirRequestOptions.SmartClientName);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                SmartLog.DiscoveryDocumentStatus(logger, relative, (int)response.StatusCode);
                return null;
            }
            var body = await BoundedContent.ReadAsync(response.Content, options.Value.MaxResponseBytes, null, deadline.Token).ConfigureAwait(false);
            if (body.Bytes is null) return null;
            using var document = JsonDocument.Parse(body.Bytes);
            return read(document.RootElement, issuer);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException or Polly.ExecutionRejectedException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // One document failing is expected (older servers have no .well-known); the caller tries the other.
            SmartLog.DiscoveryDocumentFailed(logger, relative, ex.GetType().Name);
            return null;
        }
    }
}
