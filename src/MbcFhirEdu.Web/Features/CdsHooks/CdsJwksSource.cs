using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Web.Features.CdsHooks;

/// <summary>
/// Signing keys of the CDS clients: the configured JWK Set, or the key set at an allow-listed <c>jku</c>, fetched with
/// <c>CdsHooks:JwksFetchTimeout</c>, at most 64 KiB, no redirects, and reused for <c>CdsHooks:JwksCacheDuration</c>.
/// Only URLs on a client's <c>AllowedJku</c> list are ever fetched, so the cache holds at most that many entries.
/// </summary>
internal sealed class CdsJwksSource(IHttpClientFactory httpClients, IOptions<CdsHooksOptions> options, TimeProvider timeProvider)
{
    public const string HttpClientName = "cds-jwks";
    private const int MaxBytes = 64 * 1024;
    private readonly ConcurrentDictionary<string, (IReadOnlyList<SecurityKey> Keys, DateTimeOffset FetchedAt)> _fetched = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<SecurityKey>?> _configured = new(StringComparer.Ordinal);

    public IReadOnlyList<SecurityKey>? Configured(CdsClientOptions client) =>
        client.Jwks is { Length: > 0 } json ? _configured.GetOrAdd(json, j => CdsKeys.TryParse(j, out var keys) ? keys : null) : null;

    /// <summary>The keys at <paramref name="jku"/> (which the caller has checked against the allow-list), or null with the reason.</summary>
    public async Task<(IReadOnlyList<SecurityKey>? Keys, string? Error)> FetchAsync(string jku, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (_fetched.TryGetValue(jku, out var cached) && now - cached.FetchedAt < options.Value.JwksCacheDuration) return (cached.Keys, null);

        using var timeout = new CancellationTokenSource(options.Value.JwksFetchTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, jku);
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (!response.IsSuccessStatusCode) return (null, $"the key set at jku answered {(int)response.StatusCode}");
            if (response.Content.Headers.ContentLength > MaxBytes) return (null, "the key set at jku is too large");
            await using var stream = await response.Content.ReadAsStreamAsync(linked.Token);
            var buffer = new byte[MaxBytes + 1];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), linked.Token)) > 0) read += n;
            if (read > MaxBytes) return (null, "the key set at jku is too large");
            if (!CdsKeys.TryParse(System.Text.Encoding.UTF8.GetString(buffer, 0, read), out var keys)) return (null, "the document at jku is not a usable JWK Set");
            _fetched[jku] = (keys, now);
            return (keys, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "the key set at jku did not arrive in time");
        }
        catch (HttpRequestException)
        {
            return (null, "the key set at jku could not be fetched");
        }
    }
}
