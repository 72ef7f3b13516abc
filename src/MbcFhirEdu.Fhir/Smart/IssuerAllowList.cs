using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>
/// The configured FHIR servers the app may talk to. SMART App Launch 2.2 §2.1 ("Launch App: EHR Launch") warns that
/// <c>iss</c> comes from the browser, so the app checks it against this list before any outbound request, and checks
/// every later URL (authorize, token and JWKS endpoints from discovery, Bundle paging links) against the allowed
/// origins, so that nothing a request names is ever fetched.
/// </summary>
public sealed class IssuerAllowList
{
    private readonly HashSet<string> _issuers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _origins = new(StringComparer.Ordinal);

    public IssuerAllowList(IOptions<SmartClientOptions> options)
    {
        foreach (var entry in options.Value.AllowedIssuers)
        {
            // Options validation rejects bad entries at start; skipping here keeps the constructor total.
            if (!TryNormalize(entry, out var issuer)) continue;
            _issuers.Add(issuer.AbsoluteUri);
            _origins.Add(OriginOf(issuer));
        }
        foreach (var entry in options.Value.AuthorizationServerOrigins)
        {
            if (TryNormalize(entry, out var origin)) _origins.Add(OriginOf(origin));
        }
    }

    /// <summary>How many issuers are allowed (for logs that explain a refusal).</summary>
    public int Count => _issuers.Count;

    /// <summary>True when <paramref name="iss"/> normalises to a configured issuer; <paramref name="issuer"/> is the normal form.</summary>
    public bool TryGetIssuer(string? iss, [NotNullWhen(true)] out Uri? issuer)
    {
        if (TryNormalize(iss, out var normal) && _issuers.Contains(normal.AbsoluteUri))
        {
            issuer = normal;
            return true;
        }
        issuer = null;
        return false;
    }

    /// <summary>True when <paramref name="url"/> is an absolute http(s) URL on an allowed origin, with no user info.</summary>
    public bool IsAllowedUrl(Uri? url) =>
        url is { IsAbsoluteUri: true } && IsAcceptableScheme(url) && url.UserInfo.Length == 0 && _origins.Contains(OriginOf(url));

    /// <summary>
    /// Normal form of a FHIR base: lower-case scheme and host, explicit port, path without a trailing slash, no query,
    /// fragment or user info; https except on the loopback host.
    /// </summary>
    public static bool TryNormalize(string? value, [NotNullWhen(true)] out Uri? issuer)
    {
        issuer = null;
        if (string.IsNullOrWhiteSpace(value) || value.Length > 2048) return false;
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)) return false;
        if (!IsAcceptableScheme(uri) || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0) return false;
        var path = uri.AbsolutePath.TrimEnd('/');
        return Uri.TryCreate($"{OriginOf(uri)}{path}", UriKind.Absolute, out issuer);
    }

    /// <summary>scheme://host:port, always with the port so that default and explicit ports compare equal.</summary>
    public static string OriginOf(Uri url) =>
        $"{url.Scheme.ToLowerInvariant()}://{url.IdnHost.ToLowerInvariant()}:{url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    private static bool IsAcceptableScheme(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopbackName(uri.IdnHost));

    // Only the literal loopback names: a DNS name that happens to resolve to 127.0.0.1 is not trusted over http.
    private static bool IsLoopbackName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host == "127.0.0.1" || host == "[::1]" || host == "::1";
}
