using System.Net;
using MbcFhirEdu.Sandbox.Tests.Infrastructure;

namespace MbcFhirEdu.Sandbox.Tests;

public sealed class BackendServicesTests(SandboxFactory factory) : IClassFixture<SandboxFactory>
{
    private readonly SmartFlow _flow = new(factory.CreateSandboxClient());

    [Fact]
    public async Task ClientCredentialsWithPrivateKeyJwt_GetsSystemScopesAndReadsAnyPatient()
    {
        var token = await SmartFlow.ReadJsonAsync(await RequestAsync(Assertion(), "system/Condition.rs system/Patient.rs"));

        Assert.Equal("system/Condition.rs system/Patient.rs", token.GetProperty("scope").GetString());
        Assert.False(token.TryGetProperty("refresh_token", out _));
        Assert.False(token.TryGetProperty("patient", out _));
        var bundle = await SmartFlow.ReadJsonAsync(await _flow.GetFhirAsync("Condition?patient=male-brca2-bone-nodes", token.GetProperty("access_token").GetString()));
        Assert.True(bundle.GetProperty("total").GetInt32() >= 3);
    }

    [Fact]
    public async Task ReplayedAssertion_IsRejected()
    {
        var assertion = Assertion();
        using var first = await RequestAsync(assertion, "system/*.rs");

        var replay = await SmartFlow.ReadJsonAsync(await RequestAsync(assertion, "system/*.rs"), HttpStatusCode.Unauthorized);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("invalid_client", replay.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("http://localhost/sandbox/auth/other")]
    [InlineData("http://localhost/sandbox/fhir")]
    public async Task AssertionForAnotherAudience_IsRejected(string audience)
    {
        var assertion = factory.BackendKey.CreateAssertion(SandboxFactory.BackendClientId, audience, factory.Clock.GetUtcNow());

        using var response = await RequestAsync(assertion, "system/*.rs");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AssertionSignedByAnotherKey_IsRejected()
    {
        using var stranger = new TestClientKey();
        var assertion = stranger.CreateAssertion(SandboxFactory.BackendClientId, SmartFlow.TokenUrl, factory.Clock.GetUtcNow());

        using var response = await RequestAsync(assertion, "system/*.rs");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AssertionLivingLongerThanFiveMinutes_IsRejected()
    {
        var assertion = factory.BackendKey.CreateAssertion(SandboxFactory.BackendClientId, SmartFlow.TokenUrl, factory.Clock.GetUtcNow(), lifetime: TimeSpan.FromMinutes(30));

        using var response = await RequestAsync(assertion, "system/*.rs");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task PublicClient_CannotUseClientCredentials()
    {
        var error = await SmartFlow.ReadJsonAsync(await _flow.PostTokenAsync(new()
        {
            ["grant_type"] = "client_credentials", ["scope"] = "system/*.rs", ["client_id"] = SmartFlow.DevClientId,
        }), HttpStatusCode.BadRequest);

        Assert.Equal("unauthorized_client", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task UserScopesInClientCredentials_AreNotGranted()
    {
        var error = await SmartFlow.ReadJsonAsync(await RequestAsync(Assertion(), "user/*.rs patient/*.rs"), HttpStatusCode.BadRequest);

        Assert.Equal("invalid_scope", error.GetProperty("error").GetString());
    }

    private string Assertion() => factory.BackendKey.CreateAssertion(SandboxFactory.BackendClientId, SmartFlow.TokenUrl, factory.Clock.GetUtcNow());

    private Task<HttpResponseMessage> RequestAsync(string assertion, string scope) => _flow.PostTokenAsync(new()
    {
        ["grant_type"] = "client_credentials",
        ["scope"] = scope,
        ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        ["client_assertion"] = assertion,
    });
}
