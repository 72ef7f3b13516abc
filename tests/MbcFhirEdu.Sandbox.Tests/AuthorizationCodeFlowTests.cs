using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MbcFhirEdu.Sandbox.Tests.Infrastructure;

namespace MbcFhirEdu.Sandbox.Tests;

public sealed class AuthorizationCodeFlowTests(SandboxFactory factory) : IClassFixture<SandboxFactory>
{
    private readonly SmartFlow _flow = new(factory.CreateSandboxClient());

    [Fact]
    public async Task StandaloneLaunch_PickingAPatient_GivesATokenThatReadsThatPatient()
    {
        var code = await _flow.GetCodeAsync(_flow.AuthorizeParameters("launch/patient openid fhirUser patient/*.rs", pick: "Patient/spanish-bone-eye"));
        var token = await SmartFlow.ReadJsonAsync(await _flow.ExchangeAsync(code));

        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.Equal("spanish-bone-eye", token.GetProperty("patient").GetString());
        Assert.True(token.GetProperty("need_patient_banner").GetBoolean());
        Assert.True(token.GetProperty("expires_in").GetInt32() > 0);
        var patient = await SmartFlow.ReadJsonAsync(await _flow.GetFhirAsync("Patient/spanish-bone-eye", token.GetProperty("access_token").GetString()));
        Assert.Equal("Patient", patient.GetProperty("resourceType").GetString());
        Assert.Equal("Rocío", patient.GetProperty("name")[0].GetProperty("given")[0].GetString());
    }

    [Fact]
    public async Task StandaloneLaunch_WithoutAPick_ShowsAnAccessiblePicker()
    {
        using var response = await _flow.AuthorizeAsync(_flow.AuthorizeParameters("launch/patient patient/*.rs"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<main", html);
        Assert.Contains("<legend>", html);
        Assert.Contains("name=\"sandbox_pick\" value=\"Patient/her2-positive-brain\"", html);
        Assert.Contains("name=\"code_challenge\"", html);
    }

    [Fact]
    public async Task ClinicianStandaloneLaunch_NeedsAPatientThenGetsUserScopes()
    {
        var parameters = _flow.AuthorizeParameters("launch/patient openid fhirUser user/*.rs", pick: "Practitioner/onc-halloway");
        using (var withoutPatient = await _flow.AuthorizeAsync(parameters))
            Assert.Equal(HttpStatusCode.BadRequest, withoutPatient.StatusCode);

        parameters["sandbox_patient"] = "her2-positive-brain";
        var token = await SmartFlow.ReadJsonAsync(await _flow.ExchangeAsync(await _flow.GetCodeAsync(parameters)));

        Assert.Equal("her2-positive-brain", token.GetProperty("patient").GetString());
        Assert.Equal("launch/patient openid fhirUser user/*.rs", token.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task PkceVerifierThatDoesNotMatchTheChallenge_IsRejected()
    {
        var code = await _flow.GetCodeAsync(_flow.AuthorizeParameters("patient/*.rs", pick: "Patient/her2-positive-brain"));

        var error = await SmartFlow.ReadJsonAsync(await _flow.ExchangeAsync(code, verifier: new string('x', 64)), HttpStatusCode.BadRequest);

        Assert.Equal("invalid_grant", error.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("plain")]
    [InlineData(null)]
    public async Task AuthorizeWithoutS256_IsRejectedAtTheRedirect(string? method)
    {
        var parameters = _flow.AuthorizeParameters("patient/*.rs", pick: "Patient/her2-positive-brain");
        parameters["code_challenge_method"] = method;
        if (method == "plain") parameters["code_challenge"] = _flow.Verifier;

        using var response = await _flow.AuthorizeAsync(parameters);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = SmartFlow.Query(response.Headers.Location!);
        Assert.Equal("invalid_request", query["error"]);
        Assert.False(query.ContainsKey("code"));
        Assert.Equal(_flow.State, query["state"]);
    }

    [Fact]
    public async Task CodeUsedTwice_IsRejectedAndRevokesTheFirstRefreshToken()
    {
        var code = await _flow.GetCodeAsync(_flow.AuthorizeParameters("patient/*.rs offline_access", pick: "Patient/her2-positive-brain"));
        var first = await SmartFlow.ReadJsonAsync(await _flow.ExchangeAsync(code));

        var second = await SmartFlow.ReadJsonAsync(await _flow.ExchangeAsync(code), HttpStatusCode.BadRequest);
        var refresh = await SmartFlow.ReadJsonAsync(await _flow.PostTokenAsync(new()
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = first.GetProperty("refresh_token").GetString()!,
            ["client_id"] = SmartFlow.DevClientId,
        }), HttpStatusCode.BadRequest);

        Assert.Equal("invalid_grant", second.GetProperty("error").GetString());
        Assert.Equal("invalid_grant", refresh.GetProperty("error").GetString());
    }

    [Fact]
    public async Task TokenRequestWithAnotherRedirectUri_IsRejected()
    {
        var code = await _flow.GetCodeAsync(_flow.AuthorizeParameters("patient/*.rs", pick: "Patient/her2-positive-brain"));

        var error = await SmartFlow.ReadJsonAsync(await _flow.ExchangeAsync(code, redirectUri: "http://127.0.0.1:51234/other"), HttpStatusCode.BadRequest);

        Assert.Equal("invalid_grant", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ExpiredCode_IsRejected()
    {
        await using var own = new SandboxFactory();
        var flow = new SmartFlow(own.CreateSandboxClient());
        var code = await flow.GetCodeAsync(flow.AuthorizeParameters("patient/*.rs", pick: "Patient/her2-positive-brain"));

        own.Clock.Advance(TimeSpan.FromSeconds(61));
        var error = await SmartFlow.ReadJsonAsync(await flow.ExchangeAsync(code), HttpStatusCode.BadRequest);

        Assert.Equal("invalid_grant", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ConfidentialClient_AuthenticatesWithClientSecretBasic()
    {
        var parameters = _flow.AuthorizeParameters("launch/patient patient/*.rs", pick: "Patient/pleura-nodes-icdo3", clientId: SandboxFactory.SymmetricClientId);
        parameters["redirect_uri"] = "https://app.example.test/callback";
        var code = await _flow.GetCodeAsync(parameters);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = "https://app.example.test/callback", ["code_verifier"] = _flow.Verifier,
        };

        using var anonymous = await _flow.PostTokenAsync(new(form) { ["client_id"] = SandboxFactory.SymmetricClientId });
        var wrongSecret = Basic(SandboxFactory.SymmetricClientId, "not-the-secret");
        using var wrong = await _flow.PostTokenAsync(form, wrongSecret);
        var token = await SmartFlow.ReadJsonAsync(await _flow.PostTokenAsync(form, Basic(SandboxFactory.SymmetricClientId, SandboxFactory.SymmetricSecret)));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("pleura-nodes-icdo3", token.GetProperty("patient").GetString());
    }

    [Fact]
    public async Task V1Scopes_AreGrantedInTheirV1Form()
    {
        var token = await _flow.StandaloneTokenAsync("launch/patient patient/*.read", "Patient/her2-positive-brain");

        Assert.Equal("launch/patient patient/*.read", token.GetProperty("scope").GetString());
        using var read = await _flow.GetFhirAsync("Condition?patient=her2-positive-brain", token.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task ScopesBeyondTheClientRegistration_AreNarrowed()
    {
        var flow = new SmartFlow(factory.CreateSandboxClient());
        var code = await flow.GetCodeAsync(flow.AuthorizeParameters("launch/patient patient/*.rs openid", pick: "Patient/her2-positive-brain", clientId: SandboxFactory.NarrowClientId));
        var token = await SmartFlow.ReadJsonAsync(await flow.ExchangeAsync(code, clientId: SandboxFactory.NarrowClientId));

        Assert.Equal("launch/patient patient/Patient.rs patient/Condition.rs", token.GetProperty("scope").GetString());
        Assert.False(token.TryGetProperty("id_token", out _));
    }

    private static AuthenticationHeaderValue Basic(string id, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(id)}:{Uri.EscapeDataString(secret)}")));
}
