using System.Net;
using MbcFhirEdu.Sandbox.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace MbcFhirEdu.Sandbox.Tests;

public sealed class LaunchContextTests(SandboxFactory factory) : IClassFixture<SandboxFactory>
{
    private readonly HttpClient _http = factory.CreateSandboxClient();

    [Fact]
    public async Task EhrLaunch_TokenResponseCarriesPatientBannerStyleAndClinicianUser()
    {
        var flow = new SmartFlow(_http);
        var launch = await flow.LaunchAsync("/launch-ehr?patient=receptor-change-liver&practitioner=coord-brightwater&app=http://localhost:5080/launch&intent=send-materials");

        var code = await flow.GetCodeAsync(flow.AuthorizeParameters("launch openid fhirUser user/*.rs", launch: launch));
        var token = await SmartFlow.ReadJsonAsync(await flow.ExchangeAsync(code));

        Assert.Equal("receptor-change-liver", token.GetProperty("patient").GetString());
        Assert.False(token.GetProperty("need_patient_banner").GetBoolean());
        Assert.Equal("http://localhost/sandbox/smart-style.json", token.GetProperty("smart_style_url").GetString());
        Assert.Equal("send-materials", token.GetProperty("intent").GetString());
        var accessToken = new JsonWebToken(token.GetProperty("access_token").GetString());
        Assert.Equal("http://localhost/sandbox/fhir/Practitioner/coord-brightwater", accessToken.GetClaim("fhirUser").Value);
        Assert.Equal("receptor-change-liver", accessToken.GetClaim("patient").Value);
        Assert.Equal("launch openid fhirUser user/*.rs", accessToken.GetClaim("scope").Value);
    }

    [Fact]
    public async Task PortalLaunch_MakesThePatientTheUserAndAsksForABanner()
    {
        var flow = new SmartFlow(_http);
        var launch = await flow.LaunchAsync("/launch-portal?patient=spanish-bone-eye&app=http://localhost:5080/launch");

        var code = await flow.GetCodeAsync(flow.AuthorizeParameters("launch openid fhirUser patient/*.rs", launch: launch));
        var token = await SmartFlow.ReadJsonAsync(await flow.ExchangeAsync(code));

        Assert.Equal("spanish-bone-eye", token.GetProperty("patient").GetString());
        Assert.True(token.GetProperty("need_patient_banner").GetBoolean());
        var accessToken = new JsonWebToken(token.GetProperty("access_token").GetString());
        Assert.Equal("http://localhost/sandbox/fhir/Patient/spanish-bone-eye", accessToken.GetClaim("fhirUser").Value);
    }

    [Fact]
    public async Task LaunchToAnUnregisteredApp_IsRefused()
    {
        using var response = await _http.GetAsync("/sandbox/launch-ehr?patient=spanish-bone-eye&app=https://evil.example/launch");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task LaunchForAnUnknownPatient_IsNotFound()
    {
        using var response = await _http.GetAsync("/sandbox/launch-portal?patient=nobody&app=http://localhost:5080/launch");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task EhrLaunchWithoutTheLaunchScope_IsRejected()
    {
        var flow = new SmartFlow(_http);
        var launch = await flow.LaunchAsync("/launch-ehr?patient=spanish-bone-eye&app=http://localhost:5080/launch");

        using var response = await flow.AuthorizeAsync(flow.AuthorizeParameters("patient/*.rs", launch: launch));

        Assert.Equal("invalid_scope", SmartFlow.Query(response.Headers.Location!)["error"]);
    }
}
