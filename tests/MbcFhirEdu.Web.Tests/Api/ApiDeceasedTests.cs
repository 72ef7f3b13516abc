using System.Net;
using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests.Api;

/// <summary>
/// CODES.md rule 16 through the API: the sandbox's deceased patient gets no materials, and a delivery is refused with
/// 409 and the reason.
/// </summary>
public sealed class ApiDeceasedTests(ApiDeliveryHost host) : IClassFixture<ApiDeliveryHost>
{
    private const string Patient = "deceased-metastatic";

    [Fact]
    public async Task Recommendations_SayDeceased_AndListNoMaterials()
    {
        var (response, body) = await host.Api.GetAsync($"/api/v1/patients/{Patient}/recommendations", await host.Api.TokenAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.GetProperty("deceased").GetBoolean());
        Assert.Equal(0, body.GetProperty("materials").GetArrayLength());
        Assert.Contains(body.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("has died", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delivery_IsRefusedWith409NamingTheReason_AndNothingIsRecorded()
    {
        var token = await host.Api.TokenAsync(ApiHost.SenderId);

        var (response, body) = await host.Api.SendAsync(ApiDeliveryHost.Post(Guid.NewGuid().ToString(), ApiDeliveryHost.Body(), Patient), token);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("patient_deceased", body.GetProperty("error").GetString());
        Assert.Contains("has died", body.GetProperty("detail").GetString());
        var (_, list) = await host.Api.GetAsync($"/api/v1/patients/{Patient}/deliveries", await host.Api.TokenAsync());
        Assert.Equal(0, list.GetProperty("deliveries").GetArrayLength());
    }

    [Fact]
    public async Task Recommendations_OfALivingPatient_SayNotDeceased_AndListNoMissingParts()
    {
        var (_, body) = await host.Api.GetAsync("/api/v1/patients/bone-scan-only/recommendations", await host.Api.TokenAsync());

        Assert.False(body.GetProperty("deceased").GetBoolean());
        Assert.Equal(0, body.GetProperty("missingParts").GetArrayLength());
        Assert.Contains(body.GetProperty("materials").EnumerateArray(), m => m.GetProperty("id").GetString() == "bone-metastases");
    }
}
