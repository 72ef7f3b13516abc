using System.Net;
using System.Text.Json;
using MbcFhirEdu.Web.Infrastructure.Observability;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MbcFhirEdu.Web.Tests.Observability;

/// <summary>Issue 7: <c>/health/ready</c> answers JSON from the checks tagged ready; <c>/health/live</c> calls nothing.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Ready_WithTheContentLibraryLoaded_Is200HealthyJson()
    {
        using var factory = new WebAppFactory();

        var response = await factory.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal(["content-library", "database"], checks.Keys.Order());
        Assert.Equal("Healthy", checks["database"].GetProperty("status").GetString());
        var check = checks["content-library"];
        Assert.Equal("Healthy", check.GetProperty("status").GetString());
        Assert.Matches("^[1-9][0-9]* materials loaded$", check.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Ready_WithAnEmptyContentLibrary_Is503NamingTheFolder_WhileLiveStaysUp()
    {
        // A folder that exists (start-up validation checks that) but holds no materials, e.g. a bad volume mount.
        var empty = Directory.CreateTempSubdirectory("mbcedu-no-content-").FullName;
        using var factory = WebAppFactory.With(new Dictionary<string, string?> { ["Web:ContentRoot"] = empty });
        var client = factory.CreateClient();

        var ready = await client.GetAsync("/health/ready");
        var live = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var body = await ready.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        Assert.Equal("Unhealthy", json.RootElement.GetProperty("status").GetString());
        var library = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "content-library");
        Assert.Equal($"The content library at {empty} holds no materials (set Web:ContentRoot).", library.GetProperty("description").GetString());
        Assert.DoesNotContain("   at ", body);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Directory.Delete(empty);
    }

    [Fact]
    public async Task Ready_IncludesChecksOthersRegisterWithTheReadyTag_AndIgnoresUntaggedOnes()
    {
        using var factory = new WebAppFactory
        {
            ConfigureServices = services => services.AddHealthChecks()
                .AddCheck("ehr-link", () => HealthCheckResult.Unhealthy("EHR unreachable"), tags: [HealthTags.Ready])
                .AddCheck("not-for-readiness", () => HealthCheckResult.Unhealthy("ignored")),
        };

        var response = await factory.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var names = json.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order().ToList();
        Assert.Equal(["content-library", "database", "ehr-link"], names);
    }
}
