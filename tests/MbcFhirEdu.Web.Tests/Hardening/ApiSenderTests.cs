using System.Net;
using System.Text.Json;
using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests.Hardening;

/// <summary>
/// Issue 15 item 6: an API delivery's sender is the sender configured for the API itself (<c>Api:DeliverySender</c>)
/// or a practitioner the calling client is configured to act for (<c>Api:Clients:N:Senders</c>); anything else is 403
/// naming the sender, and nothing is recorded.
/// </summary>
public sealed class ApiSenderTests : IDisposable
{
    private const string Patient = ApiDeliveryHost.Patient;
    private const string CareTeam = "PractitionerRole/care-team";
    private const string AdminsOwn = "Practitioner/admin-desk";

    // ApiHost configures the sending client for Practitioner/onc-halloway (and one more); here the admin client gets one of its own.
    private readonly ApiHost _api = ApiHost.Create("RS384", new Dictionary<string, string?>
    {
        ["Api:DeliverySender"] = CareTeam,
        ["Api:Clients:1:ClientId"] = ApiHost.AdminId,
        ["Api:Clients:1:Senders:0"] = AdminsOwn,
    });

    public void Dispose() => _api.Dispose();

    [Theory]
    [InlineData(ApiDeliveryHost.Sender)]
    [InlineData(WebAppFactory.Issuer + "/" + ApiDeliveryHost.Sender)] // the same practitioner, written absolute
    [InlineData(CareTeam)]
    public async Task A_sender_the_client_acts_for_is_accepted(string sender)
    {
        var (response, body) = await PostAsync(ApiHost.SenderId, sender);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(sender, body.GetProperty("sender").GetString());
    }

    [Fact]
    public async Task Without_a_sender_the_delivery_is_sent_as_the_configured_delivery_sender()
    {
        var (response, body) = await PostAsync(ApiHost.SenderId, sender: null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(CareTeam, body.GetProperty("sender").GetString());
    }

    [Theory]
    [InlineData("Practitioner/some-chief-of-oncology")]
    [InlineData(AdminsOwn)] // configured, but for another client
    [InlineData("https://elsewhere.example/fhir/Practitioner/onc-halloway")] // the right id at another server
    public async Task Any_other_sender_is_403_naming_it_and_nothing_is_recorded(string sender)
    {
        var (response, problem) = await PostAsync(ApiHost.SenderId, sender);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("sender_not_allowed", problem.GetProperty("error").GetString());
        Assert.Equal("sender", problem.GetProperty("field").GetString());
        Assert.Contains($"'{sender}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var (list, deliveries) = await _api.GetAsync($"/api/v1/patients/{Patient}/deliveries", await _api.TokenAsync(ApiHost.SenderId));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Empty(deliveries.GetProperty("deliveries").EnumerateArray());
    }

    [Fact]
    public async Task Each_client_sends_as_its_own_practitioners_only()
    {
        var (admin, _) = await PostAsync(ApiHost.AdminId, AdminsOwn);
        var (adminAsOther, _) = await PostAsync(ApiHost.AdminId, ApiDeliveryHost.Sender);

        Assert.Equal(HttpStatusCode.Created, admin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, adminAsOther.StatusCode);
    }

    [Fact]
    public void A_configured_sender_that_is_not_a_practitioner_reference_stops_the_start_naming_the_key()
    {
        using var api = ApiHost.Create("RS384", new Dictionary<string, string?> { ["Api:Clients:0:Senders:2"] = "Patient/123" });

        var error = Assert.ThrowsAny<Exception>(() => api.Factory.Services);

        Assert.Contains("Api:Clients:0:Senders", error.ToString(), StringComparison.Ordinal);
    }

    private async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(string clientId, string? sender) =>
        await _api.SendAsync(ApiDeliveryHost.Post(Guid.NewGuid().ToString(), ApiDeliveryHost.Body(sender: sender)), await _api.TokenAsync(clientId));
}
