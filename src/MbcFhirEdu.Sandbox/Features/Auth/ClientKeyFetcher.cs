using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Sandbox.Features.Auth;

/// <summary>
/// Reads a client's JWKS from its registered URL (SMART Backend Services "registering a JWKS URL"): 5 s timeout,
/// 64 KB at most, cached five minutes; a failure gives no keys (and the assertion is refused).
/// </summary>
internal sealed class ClientKeyFetcher(IHttpClientFactory httpClientFactory, TimeProvider time, ILogger<ClientKeyFetcher> logger)
{
    public const string HttpClientName = "sandbox-client-jwks";
    private const int MaxBytes = 64 * 1024;
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);
    private readonly ExpiringStore<IReadOnlyList<SecurityKey>> _cache = new(time);

    public async Task<IReadOnlyList<SecurityKey>> GetAsync(Uri jwksUrl)
    {
        if (_cache.TryGet(jwksUrl.AbsoluteUri, out var cached)) return cached;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var http = httpClientFactory.CreateClient(HttpClientName);
            using var response = await http.GetAsync(jwksUrl, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > MaxBytes) return [];
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            var buffer = new byte[MaxBytes + 1];
            var read = 0;
            int n;
            while ((n = await stream.ReadAsync(buffer.AsMemory(read), timeout.Token)) > 0)
            {
                read += n;
                if (read > MaxBytes) return [];
            }
            var keys = new JsonWebKeySet(System.Text.Encoding.UTF8.GetString(buffer, 0, read)).GetSigningKeys().ToList();
            _cache.TryAdd(jwksUrl.AbsoluteUri, keys, time.GetUtcNow() + CacheFor);
            return keys;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or ArgumentException or System.Text.Json.JsonException)
        {
            logger.ClientJwksFailed(ex.GetType().Name);
            return [];
        }
    }
}
