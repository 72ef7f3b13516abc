using System.Net;
using MbcFhirEdu.Sandbox.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Sandbox.Tests;

public sealed class RefreshAndIdTokenTests(SandboxFactory factory) : IClassFixture<SandboxFactory>
{
    private readonly HttpClient _http = factory.CreateSandboxClient();

    [Fact]
    public async Task RefreshToken_GivesANewAccessTokenAndRotates()
    {
        var flow = new SmartFlow(_http);
        var first = await flow.StandaloneTokenAsync("launch/patient patient/*.rs offline_access", "Patient/triple-positive-bone-nodes");
        var refreshToken = first.GetProperty("refresh_token").GetString()!;

        var second = await SmartFlow.ReadJsonAsync(await Refresh(flow, refreshToken));
        var reuse = await SmartFlow.ReadJsonAsync(await Refresh(flow, refreshToken), HttpStatusCode.BadRequest);
        var afterReuse = await SmartFlow.ReadJsonAsync(await Refresh(flow, second.GetProperty("refresh_token").GetString()!), HttpStatusCode.BadRequest);

        Assert.NotEqual(refreshToken, second.GetProperty("refresh_token").GetString());
        Assert.Equal("triple-positive-bone-nodes", second.GetProperty("patient").GetString());
        using var read = await flow.GetFhirAsync("Patient/triple-positive-bone-nodes", second.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("invalid_grant", reuse.GetProperty("error").GetString());
        Assert.Equal("invalid_grant", afterReuse.GetProperty("error").GetString());
    }

    [Fact]
    public async Task RefreshToken_IsIssuedOnlyForOfflineOrOnlineAccess()
    {
        var flow = new SmartFlow(_http);
        var withoutAccess = await flow.StandaloneTokenAsync("launch/patient patient/*.rs", "Patient/triple-positive-bone-nodes");
        var online = await new SmartFlow(_http).StandaloneTokenAsync("launch/patient patient/*.rs online_access", "Patient/triple-positive-bone-nodes");

        Assert.False(withoutAccess.TryGetProperty("refresh_token", out _));
        Assert.True(online.TryGetProperty("refresh_token", out _));
    }

    [Fact]
    public async Task Refresh_MayNarrowButNotWidenScopes()
    {
        var flow = new SmartFlow(_http);
        var token = await flow.StandaloneTokenAsync("launch/patient patient/Condition.rs patient/Patient.rs offline_access", "Patient/triple-positive-bone-nodes");

        var wider = await SmartFlow.ReadJsonAsync(await Refresh(flow, token.GetProperty("refresh_token").GetString()!, "patient/*.rs"), HttpStatusCode.BadRequest);

        Assert.Equal("invalid_scope", wider.GetProperty("error").GetString());
    }

    [Fact]
    public async Task IdToken_VerifiesAgainstTheJwksWithNonceAudienceAndFhirUser()
    {
        var flow = new SmartFlow(_http);
        var parameters = flow.AuthorizeParameters("launch/patient openid fhirUser patient/*.rs", pick: "Patient/lobular-ovary-peritoneum");
        var token = await SmartFlow.ReadJsonAsync(await flow.ExchangeAsync(await flow.GetCodeAsync(parameters)));
        var jwks = new JsonWebKeySet(await _http.GetStringAsync("/sandbox/auth/jwks"));

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token.GetProperty("id_token").GetString(), new TokenValidationParameters
        {
            ValidIssuer = SmartFlow.FhirBase,
            ValidAudience = SmartFlow.DevClientId,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidateLifetime = false,
        });

        Assert.True(result.IsValid, result.Exception?.Message);
        var idToken = (JsonWebToken)result.SecurityToken;
        Assert.Equal(parameters["nonce"], idToken.GetClaim("nonce").Value);
        Assert.Equal("http://localhost/sandbox/fhir/Patient/lobular-ovary-peritoneum", idToken.GetClaim("fhirUser").Value);
        Assert.Equal("RS256", idToken.Alg);
        Assert.Equal(factory.Clock.GetUtcNow().ToUnixTimeSeconds(), long.Parse(idToken.GetClaim("iat").Value));
        Assert.True(idToken.ValidTo > factory.Clock.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task ExpiredAccessToken_IsRefusedWith401()
    {
        await using var own = new SandboxFactory();
        var flow = new SmartFlow(own.CreateSandboxClient());
        var token = await flow.StandaloneTokenAsync("launch/patient patient/*.rs", "Patient/triple-positive-bone-nodes");

        own.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        using var response = await flow.GetFhirAsync("Patient/triple-positive-bone-nodes", token.GetProperty("access_token").GetString());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static Task<HttpResponseMessage> Refresh(SmartFlow flow, string refreshToken, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = SmartFlow.DevClientId };
        if (scope is not null) form["scope"] = scope;
        return flow.PostTokenAsync(form);
    }
}
