using System.Net;
using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests.Security;

/// <summary>
/// Issue 15 item 8 (and 3): the Production app on a real Kestrel server on 127.0.0.1, behind a "proxy" on loopback that
/// ends TLS. HTTPS responses carry Strict-Transport-Security, no response names the server, and a Host other than the
/// public base URL's is refused (AllowedHosts). edu.example.test is only a Host header value.
/// </summary>
public sealed class ProductionEdgeTests : IAsyncLifetime
{
    private const string PublicHost = "edu.example.test";
    private readonly KeyRingCertificates _certificates = new();
    private WebAppFactory _app = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        var settings = _certificates.Create("edge");
        settings["Web:PublicBaseUrl"] = "https://" + PublicHost;
        settings["Web:KnownProxies:0"] = "127.0.0.1";
        settings["Web:HstsMaxAge"] = "180.00:00:00";
        _app = new WebAppFactory { EnvironmentName = "Production" };
        foreach (var (key, value) in settings) _app.Set(key, value);
        _app.UseKestrel(0);
        _http = _app.CreateClient();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task HttpsResponses_CarryHsts_PlainHttpOnesDoNot_AndNoneNamesTheServer()
    {
        var https = await GetAsync(PublicHost, forwardedProto: "https");
        var plain = await GetAsync(PublicHost, forwardedProto: null);

        Assert.Equal(HttpStatusCode.OK, https.StatusCode);
        Assert.Equal("max-age=15552000; includeSubDomains", string.Join(",", https.Headers.GetValues("Strict-Transport-Security")));
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        Assert.All([https, plain], r => Assert.False(r.Headers.Contains("Server"), "Server: " + string.Join(",", r.Headers.Server)));
    }

    [Fact]
    public async Task AnotherHost_IsRefused()
    {
        var response = await GetAsync("evil.example", forwardedProto: "https");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"));
    }

    private async Task<HttpResponseMessage> GetAsync(string host, string? forwardedProto)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Host = host;
        if (forwardedProto is not null) request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        return await _http.SendAsync(request);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        _certificates.Dispose();
    }
}
