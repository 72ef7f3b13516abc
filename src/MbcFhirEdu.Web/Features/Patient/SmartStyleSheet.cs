using System.Collections.Concurrent;
using System.Text.Json;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Features.Patient;

/// <summary>
/// SMART App Launch 2.2 §"Styling": fetches the EHR's <c>smart_style_url</c> server-side — only from an allowed
/// origin, no redirects, under <c>Web:StyleFetchTimeout</c> and <c>Web:StyleMaxBytes</c> — and turns the values that
/// pass <see cref="SmartStyleValues"/> into CSS variables. Any failure gives the app's own look.
/// </summary>
internal sealed class SmartStyleSheet(
    IHttpClientFactory httpClientFactory,
    IssuerAllowList allowList,
    IOptions<WebOptions> options,
    TimeProvider timeProvider,
    ILogger<SmartStyleSheet> logger)
{
    public const string ClientName = "MbcFhirEdu.Web.SmartStyle";
    private const int MaxCachedStyles = 64;
    private readonly ConcurrentDictionary<string, (string Css, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);

    public async Task<string> CssForAsync(string? styleUrl, CancellationToken cancellationToken)
    {
        if (styleUrl is null || !Uri.TryCreate(styleUrl, UriKind.Absolute, out var url) || !allowList.IsAllowedUrl(url))
        {
            if (styleUrl is not null) WebLog.StyleNotUsed(logger, "not-allowed");
            return SmartStyleValues.Empty;
        }
        var now = timeProvider.GetUtcNow();
        if (_cache.TryGetValue(url.AbsoluteUri, out var cached) && cached.Expires > now) return cached.Css;

        var css = await FetchAsync(url, cancellationToken) ?? SmartStyleValues.Empty;
        if (_cache.Count >= MaxCachedStyles) _cache.Clear();
        _cache[url.AbsoluteUri] = (css, now + options.Value.StyleCacheDuration);
        return css;
    }

    private async Task<string?> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.StyleFetchTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await httpClientFactory.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                WebLog.StyleNotUsed(logger, "status-" + (int)response.StatusCode);
                return null;
            }
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            var buffer = new byte[options.Value.StyleMaxBytes + 1];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), timeout.Token)) > 0) length += read;
            if (length > options.Value.StyleMaxBytes)
            {
                WebLog.StyleNotUsed(logger, "too-large");
                return null;
            }
            using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
            return SmartStyleValues.ToCss(document.RootElement);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            WebLog.StyleNotUsed(logger, ex.GetType().Name);
            return null;
        }
    }
}

internal static class SmartStyleSheetRegistration
{
    public static IServiceCollection AddSmartStyleSheet(this IServiceCollection services)
    {
        services.AddSingleton<SmartStyleSheet>();
        services.AddHttpClient(SmartStyleSheet.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                ConnectTimeout = TimeSpan.FromSeconds(3),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        return services;
    }
}
