using System.Net;
using MbcFhirEdu.Web.Infrastructure;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Tests;

/// <summary>
/// One base URL (issue 20 item 2): with no URL settings at all, the redirect URI, the hosted sandbox's issuer, its
/// launch URL and the deliveries' links come from the address the app listens on, under any loopback name or port.
/// </summary>
public sealed class PublicBaseUrlTests
{
    private const string Patient = "her2-low-ihc1-akt1";

    /// <summary>The test factory's explicit URL settings removed: what a fresh clone runs with.</summary>
    private static WebAppFactory WithoutUrlSettings(string? urls = null)
    {
        var factory = new WebAppFactory();
        foreach (var key in new[] { "Smart:RedirectUri", "Smart:AllowedIssuers:0", "Deliveries:PublicBaseUrl", "Web:PublicBaseUrl" }) factory.Remove(key);
        if (urls is not null) factory.Set("urls", urls);
        return factory;
    }

    [Fact]
    public async Task SandboxLaunch_OpenedAt127001InsteadOfLocalhost_ReachesThePatientsPage()
    {
        await using var factory = WithoutUrlSettings();
        var browser = factory.NewBrowser();

        var (response, url) = await browser.FollowAsync($"http://127.0.0.1:5080/sandbox/launch-portal?patient={Patient}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} at {url}: {html[..Math.Min(400, html.Length)]}");
        Assert.DoesNotContain("not one we know", html);
        Assert.Contains("her2-low", Html.MaterialIds(html));
    }

    [Fact]
    public async Task SandboxLaunch_OnAnotherPort_WithOnlyTheListenAddress_StaysOnThatOrigin()
    {
        await using var factory = WithoutUrlSettings("http://127.0.0.1:5123");
        var browser = factory.NewBrowser();
        var visited = new List<Uri>();

        var (response, _) = await browser.FollowAsync($"http://127.0.0.1:5123/sandbox/launch-ehr?patient={Patient}", stopAt: u => { visited.Add(u); return false; });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("her2-low", Html.MaterialIds(html));
        Assert.All(visited, u => Assert.Equal("127.0.0.1:5123", u.Authority));
        Assert.Contains(visited, u => u.AbsolutePath == "/callback");
    }

    [Fact]
    public void EveryDerivedUrl_FollowsWebPublicBaseUrl()
    {
        using var factory = WithoutUrlSettings();
        factory.Set(AppBaseUrl.Key, "https://edu.example.org/");
        var services = factory.Services;

        Assert.Equal("https://edu.example.org/callback", services.GetRequiredService<IOptions<MbcFhirEdu.Fhir.Smart.SmartClientOptions>>().Value.RedirectUri);
        Assert.Contains("https://edu.example.org/sandbox/fhir", services.GetRequiredService<IOptions<MbcFhirEdu.Fhir.Smart.SmartClientOptions>>().Value.AllowedIssuers);
        Assert.Equal(new Uri("https://edu.example.org"), services.GetRequiredService<IOptions<MbcFhirEdu.Web.Features.Deliveries.DeliveryOptions>>().Value.PublicBaseUrl);
        var sandbox = services.GetRequiredService<IOptions<MbcFhirEdu.Sandbox.SandboxOptions>>().Value;
        Assert.Equal("https://edu.example.org/launch", sandbox.DefaultAppLaunchUrl);
        Assert.Contains(sandbox.Clients, c => c.JwksUrl == "https://edu.example.org/.well-known/jwks.json");
        var api = services.GetRequiredService<IOptions<MbcFhirEdu.Web.Infrastructure.ApiAuth.ApiOptions>>().Value;
        Assert.Equal("https://edu.example.org/sandbox/fhir", api.FhirBase);
    }

    [Fact]
    public async Task RefusedIssuer_IsLogged_WithItsValueAndTheAllowListsSize()
    {
        await using var factory = new WebAppFactory();
        var allowed = factory.Services.GetRequiredService<MbcFhirEdu.Fhir.Smart.IssuerAllowList>().Count;

        var response = await factory.NewBrowser().GetAsync("/launch?iss=" + Uri.EscapeDataString("https://other-ehr.example.org/r4") + "&launch=abc");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(allowed > 0);
        Assert.Contains(factory.Logs.Lines, l => l.Contains("https://other-ehr.example.org/r4", StringComparison.Ordinal)
            && l.Contains($"({allowed} entries)", StringComparison.Ordinal));
    }

    [Fact]
    public void OutsideDevelopment_WithoutThePublicBaseUrl_TheStartStopsNamingTheKey()
    {
        using var factory = WithoutUrlSettings();
        factory.Set("Sandbox:Enabled", "false");
        using var production = factory.WithWebHostBuilder(b => b.UseEnvironment("Production"));

        var error = Assert.ThrowsAny<Exception>(() => production.Services);

        Assert.Contains("Web:PublicBaseUrl", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "http://localhost:5080")]
    [InlineData("http://127.0.0.1:5099", "http://127.0.0.1:5099")]
    [InlineData("http://+:8080;https://+:8443", "http://localhost:8080")]
    [InlineData("http://0.0.0.0:5000", "http://localhost:5000")]
    [InlineData("http://[::1]:5001/", "http://[::1]:5001")]
    public void ListenAddress_GivesTheDevelopmentBase(string? urls, string expected) =>
        Assert.Equal(expected, AppBaseUrl.ListenOrigin(urls) ?? AppBaseUrl.DefaultListenUrl);
}
