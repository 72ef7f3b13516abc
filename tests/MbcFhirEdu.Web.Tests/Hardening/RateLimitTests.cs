using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Web.Tests.Hardening;

/// <summary>
/// Issue 15 item 5: one partition per caller. For each kind of caller, two callers: the first runs out of its limit
/// (429, Retry-After, an error body in the route's shape) while the second, sending the same requests, is not throttled.
/// </summary>
public sealed class RateLimitTests
{
    private const string AddressA = "203.0.113.10";
    private const string AddressB = "203.0.113.20";

    [Fact]
    public async Task Launch_and_callback_are_limited_per_browser_address()
    {
        await using var app = App(("RateLimits:LaunchPermitLimit", "3"));
        var client = app.CreateClient();

        // /launch and /callback share the limit (one launch is both): two launches and a callback use A's three.
        foreach (var path in new[] { "/launch", "/launch/coordinator", "/callback" })
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await GetAsync(client, path, AddressA)).StatusCode);
        using var limited = await GetAsync(client, "/launch", AddressA, accept: "text/html");
        using var other = await GetAsync(client, "/launch", AddressB);

        await AssertLimitedAsync(limited, "text/html");
        Assert.Contains("Too many requests", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode); // B's launch is answered (no iss), not throttled
    }

    [Fact]
    public async Task Infobutton_is_limited_per_caller_address()
    {
        await using var app = App(("RateLimits:InfobuttonPermitLimit", "2"));
        var client = app.CreateClient();
        const string url = "/infobutton?mainSearchCriteria.v.c=94222008&mainSearchCriteria.v.cs=2.16.840.1.113883.6.96";

        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, url, AddressA)).StatusCode);
        using var limited = await GetAsync(client, url, AddressA);
        using var other = await GetAsync(client, url, AddressB);

        await AssertLimitedAsync(limited, "application/problem+json");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task The_api_is_limited_per_authenticated_client_not_per_address()
    {
        using var api = ApiHost.Create("RS384", new Dictionary<string, string?> { ["RateLimits:ApiPermitLimit"] = "2" });
        var reader = await api.TokenAsync(ApiHost.ReaderId);
        var sender = await api.TokenAsync(ApiHost.SenderId);
        const string path = "/api/v1/patients/de-novo-bone-pik3ca/deliveries";

        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(path, reader)).Response.StatusCode);
        var (limited, _) = await api.GetAsync(path, reader);
        var (other, _) = await api.GetAsync(path, sender); // same address, another client

        await AssertLimitedAsync(limited, "application/problem+json");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Cds_hooks_is_limited_per_verified_client()
    {
        using var keyA = new CdsClientKey("client-a");
        using var keyB = new CdsClientKey("client-b");
        const string issuerB = "https://other-ehr.test/cds-client";
        await using var app = App(("RateLimits:CdsPermitLimit", "2"), ("CdsHooks:RequireAuthentication", "true"),
            ("CdsHooks:Clients:0:Issuer", CdsClientKey.Issuer), ("CdsHooks:Clients:0:Jwks", keyA.JwksJson),
            ("CdsHooks:Clients:1:Issuer", issuerB), ("CdsHooks:Clients:1:Jwks", keyB.JwksJson));
        var client = app.CreateClient();
        string Jwt(CdsClientKey key, string issuer) => key.Sign(audience: WebAppFactory.Origin + FeedbackPath, issuer: issuer);

        // A token the service does not trust is refused before it counts against anyone.
        Assert.Equal(HttpStatusCode.Unauthorized, (await FeedbackAsync(client, keyB.Sign(audience: WebAppFactory.Origin + FeedbackPath))).StatusCode);
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await FeedbackAsync(client, Jwt(keyA, CdsClientKey.Issuer))).StatusCode);
        using var limited = await FeedbackAsync(client, Jwt(keyA, CdsClientKey.Issuer));
        using var other = await FeedbackAsync(client, Jwt(keyB, issuerB)); // same address, another EHR

        await AssertLimitedAsync(limited, "application/problem+json");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Cds_hooks_without_client_authentication_is_limited_per_address()
    {
        await using var app = App(("RateLimits:CdsPermitLimit", "2"), ("CdsHooks:RequireAuthentication", "false"));
        var client = app.CreateClient();

        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await FeedbackAsync(client, null, AddressA)).StatusCode);
        using var limited = await FeedbackAsync(client, null, AddressA);
        using var other = await FeedbackAsync(client, null, AddressB);

        await AssertLimitedAsync(limited, "application/problem+json");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    private const string FeedbackPath = "/cds-services/mbc-education/feedback";

    private static WebAppFactory App(params (string Key, string Value)[] settings) =>
        WebAppFactory.With(settings.ToDictionary(s => s.Key, s => (string?)s.Value), services => services.AddSingleton<IStartupFilter, ClientAddress>());

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string address, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(ClientAddress.Header, address);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> FeedbackAsync(HttpClient client, string? jwt, string address = AddressA)
    {
        var body = $$"""{"feedback":[{"card":"{{Guid.NewGuid()}}","outcome":"accepted","outcomeTimestamp":"2026-12-06T10:00:00Z"}]}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, FeedbackPath) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(ClientAddress.Header, address);
        if (jwt is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        return await client.SendAsync(request);
    }

    private static async Task AssertLimitedAsync(HttpResponseMessage response, string mediaType)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = int.Parse(response.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        if (mediaType == "application/problem+json")
        {
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("rate_limited", problem.GetProperty("error").GetString());
            Assert.Contains($"try again in {retryAfter} seconds", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }
}
