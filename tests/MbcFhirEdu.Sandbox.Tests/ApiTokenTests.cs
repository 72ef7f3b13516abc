using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MbcFhirEdu.Sandbox.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Sandbox.Tests;

/// <summary><c>POST /sandbox/api-token</c>: TEST bearer tokens for the app's API, verifiable with the sandbox's JWKS.</summary>
public sealed class ApiTokenTests : IDisposable
{
    private const string Audience = "api://mbcfhiredu-test";
    private const string Secret = "api-client-secret-0123456789";
    private readonly SandboxFactory _factory = SandboxFactory.With(new Dictionary<string, string?>
    {
        ["Sandbox:ApiAudience"] = Audience,
        ["Sandbox:ApiClients:0:ClientId"] = "care-mgmt",
        ["Sandbox:ApiClients:0:ClientSecret"] = Secret,
        ["Sandbox:ApiClients:0:Roles:0"] = "Education.Read",
        ["Sandbox:ApiClients:0:Roles:1"] = "Education.Send",
        ["Sandbox:ApiClients:1:ClientId"] = "care-mgmt-none",
        ["Sandbox:ApiClients:1:ClientSecret"] = Secret,
    });

    public void Dispose() => _factory.Dispose();

    private async Task<HttpResponseMessage> RequestAsync(string clientId, string secret, string grantType = "client_credentials", bool basic = true)
    {
        using var http = _factory.CreateSandboxClient();
        var form = new Dictionary<string, string> { ["grant_type"] = grantType };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sandbox/api-token");
        if (basic) request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        else { form["client_id"] = clientId; form["client_secret"] = secret; }
        request.Content = new FormUrlEncodedContent(form);
        return await http.SendAsync(request);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RegisteredClient_GetsAnRs256TokenForTheApiAudienceWithItsRoles_VerifiedByTheSandboxJwks(bool basic)
    {
        var body = await SmartFlow.ReadJsonAsync(await RequestAsync("care-mgmt", Secret, basic: basic));
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.True(body.GetProperty("expires_in").GetInt32() > 0);

        using var http = _factory.CreateSandboxClient();
        var jwks = new JsonWebKeySet(await http.GetStringAsync("/sandbox/auth/jwks"));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(body.GetProperty("access_token").GetString(), new TokenValidationParameters
        {
            ValidIssuer = SmartFlow.FhirBase,
            ValidAudience = Audience,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidateLifetime = false,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = (JsonWebToken)result.SecurityToken;
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal("care-mgmt", jwt.Subject);
        var roles = JsonDocument.Parse(Base64UrlEncoder.Decode(jwt.EncodedPayload)).RootElement.GetProperty("roles");
        Assert.Equal(JsonValueKind.Array, roles.ValueKind);
        Assert.Equal(new[] { "Education.Read", "Education.Send" }, roles.EnumerateArray().Select(r => r.GetString()!).ToArray());
    }

    [Fact]
    public async Task ClientWithoutRoles_GetsAnEmptyRolesArray()
    {
        var body = await SmartFlow.ReadJsonAsync(await RequestAsync("care-mgmt-none", Secret));
        var jwt = new JsonWebToken(body.GetProperty("access_token").GetString());
        var roles = JsonDocument.Parse(Base64UrlEncoder.Decode(jwt.EncodedPayload)).RootElement.GetProperty("roles");
        Assert.Equal(0, roles.GetArrayLength());
    }

    [Fact]
    public async Task WrongSecretUnknownClientOrOtherGrant_AreRefused()
    {
        var wrong = await SmartFlow.ReadJsonAsync(await RequestAsync("care-mgmt", "not-the-secret-at-all"), HttpStatusCode.Unauthorized);
        Assert.Equal("invalid_client", wrong.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await RequestAsync("nobody", Secret)).StatusCode);
        var grant = await SmartFlow.ReadJsonAsync(await RequestAsync("care-mgmt", Secret, grantType: "password"), HttpStatusCode.BadRequest);
        Assert.Equal("unsupported_grant_type", grant.GetProperty("error").GetString());
    }

    [Fact]
    public async Task WithoutAnApiAudience_TheEndpointDoesNotExist()
    {
        using var plain = new SandboxFactory();
        using var http = plain.CreateSandboxClient();
        using var response = await http.PostAsync("/sandbox/api-token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
