using System.Net;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MbcFhirEdu.Web.Tests.Api;

/// <summary>
/// Browser sessions and API tokens never stand in for each other: a patient's SMART session (cookie) reaches no
/// /api/v1 route and not the coordinator workspace; an API bearer token is never taken as a session, whether sent as
/// a bearer header or put where the session cookie goes.
/// </summary>
public sealed class ApiSeparationTests(ApiDeliveryHost host) : IClassFixture<ApiDeliveryHost>
{
    private const string Patient = "her2-low-ihc1-akt1";

    private static HttpRequestMessage WithCookie(HttpRequestMessage request, string session)
    {
        request.Headers.Add("Cookie", $"mbcedu-session={session}");
        return request;
    }

    [Fact]
    public async Task A_patient_session_reaches_no_API_route_and_records_nothing()
    {
        var browser = host.Api.Factory.NewBrowser();
        Assert.Contains("data-material", await Launches.AsPatientAsync(browser, Patient));
        var session = browser.Cookies["mbcedu-session"];
        var key = "cookie-" + Guid.NewGuid();

        var requests = new[]
        {
            WithCookie(ApiDeliveryHost.Post(key, ApiDeliveryHost.Body(), Patient), session),
            WithCookie(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/patients/{Patient}/deliveries"), session),
            WithCookie(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/patients/{Patient}/recommendations"), session),
            WithCookie(new HttpRequestMessage(HttpMethod.Get, "/api/v1/audit"), session),
        };
        foreach (var request in requests)
        {
            var (response, body) = await host.Api.SendAsync(request, token: null);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("invalid_token", body.GetProperty("error").GetString());
        }
        await using var db = await host.DbAsync();
        Assert.Equal(0, await db.Deliveries.CountAsync(d => d.IdempotencyKey == key));
    }

    [Fact]
    public async Task A_patient_session_cannot_open_the_coordinator_workspace()
    {
        var browser = host.Api.Factory.NewBrowser();
        await Launches.AsPatientAsync(browser, Patient);
        using var response = await browser.GetAsync("/coordinator");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("data-material", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/coordinator")]
    [InlineData("/app")]
    public async Task An_API_token_is_never_accepted_as_a_session(string path)
    {
        var token = await host.Api.TokenAsync(ApiHost.AdminId);
        var (asBearer, _) = await host.Api.SendAsync(new HttpRequestMessage(HttpMethod.Get, path), token);
        Assert.Equal(HttpStatusCode.Unauthorized, asBearer.StatusCode);
        var (asCookie, _) = await host.Api.SendAsync(WithCookie(new HttpRequestMessage(HttpMethod.Get, path), token), token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, asCookie.StatusCode);
        Assert.DoesNotContain("data-material", await asCookie.Content.ReadAsStringAsync());
    }
}
