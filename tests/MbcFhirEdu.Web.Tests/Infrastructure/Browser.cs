using System.Net;
using Microsoft.Net.Http.Headers;

namespace MbcFhirEdu.Web.Tests.Infrastructure;

/// <summary>
/// A browser's share of the flow: a cookie jar kept by hand (HttpClient's CookieContainer drops Secure cookies over
/// http, and the app's cookies are Secure) and redirects followed one hop at a time.
/// </summary>
public sealed class Browser(HttpClient http)
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    /// <summary>Every Set-Cookie header received, as sent.</summary>
    public List<string> SetCookieHeaders { get; } = [];

    public async Task<HttpResponseMessage> GetAsync(string url, IReadOnlyDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(WebAppFactory.Origin), url));
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.Add(name, value);
        if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await http.SendAsync(request);
        Remember(response);
        return response;
    }

    /// <summary>POSTs an application/x-www-form-urlencoded form (repeated names allowed), with the jar's cookies; no redirect followed.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(WebAppFactory.Origin), url)) { Content = new FormUrlEncodedContent(fields) };
        if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await http.SendAsync(request);
        Remember(response);
        return response;
    }

    /// <summary>GETs <paramref name="url"/> and follows redirects until a non-redirect answer or <paramref name="stopAt"/> says stop.</summary>
    public async Task<(HttpResponseMessage Response, Uri Url)> FollowAsync(string url, Func<Uri, bool>? stopAt = null, Func<Uri, Uri>? rewrite = null)
    {
        var current = new Uri(new Uri(WebAppFactory.Origin), url);
        for (var hop = 0; hop < 12; hop++)
        {
            if (rewrite is not null) current = rewrite(current);
            if (stopAt?.Invoke(current) == true) return (new HttpResponseMessage(HttpStatusCode.Continue), current);
            var response = await GetAsync(current.AbsoluteUri);
            if ((int)response.StatusCode is < 300 or > 399) return (response, current);
            current = new Uri(current, response.Headers.Location!);
        }
        throw new InvalidOperationException("Too many redirects from " + url);
    }

    public async Task<string> GetHtmlAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var (response, at) = await FollowAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected} at {at}, got {(int)response.StatusCode}: {Shorten(html)}");
        return html;
    }

    /// <summary>
    /// The server-side session key of this browser's newest launch: derived from the newest launch's context id (see
    /// <c>LaunchContext</c>), as the app derives it; the store gives it out only with the browser key cookie.
    /// </summary>
    public string SessionId => MbcFhirEdu.Web.Features.Launch.LaunchContext.SessionKey(_cookies["mbcedu-context"]);

    public void ForgetCookie(string name) => _cookies.Remove(name);

    public void SetCookie(string name, string value) => _cookies[name] = value;

    private void Remember(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues(HeaderNames.SetCookie, out var values)) return;
        foreach (var raw in values)
        {
            SetCookieHeaders.Add(raw);
            if (!SetCookieHeaderValue.TryParse(raw, out var cookie)) continue;
            var name = cookie.Name.Value!;
            if (cookie.MaxAge <= TimeSpan.Zero || cookie.Expires < DateTimeOffset.UtcNow) _cookies.Remove(name);
            else _cookies[name] = cookie.Value.Value!;
        }
    }

    private static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + "…";
}
