using System.Net;
using MbcFhirEdu.Sandbox.Tests.Infrastructure;

namespace MbcFhirEdu.Sandbox.Tests.Entra;

/// <summary>App-only tokens (client_credentials) for an API: <c>roles</c> = the app's assigned roles that API defines.</summary>
public sealed class EntraClientCredentialsTests(EntraFixture entra) : IClassFixture<EntraFixture>
{
    private Task<HttpResponseMessage> SecretAsync(string tenant = EntraFixture.Tenant, string secret = EntraFixture.Secret, string scope = "api://mbcfhiredu-test/.default") =>
        entra.TokenAsync(tenant, new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = EntraFixture.DaemonId, ["client_secret"] = secret, ["scope"] = scope,
        });

    [Fact]
    public async Task A_daemon_with_a_secret_gets_an_app_token_for_the_API_with_the_roles_the_API_defines()
    {
        var body = await SmartFlow.ReadJsonAsync(await SecretAsync());
        var token = await entra.ValidateAsync(body.GetProperty("access_token").GetString()!, EntraFixture.ApiId);
        Assert.Equal(["Education.Send"], token.Claims.Where(c => c.Type == "roles").Select(c => c.Value)); // Education.Admin: not an API role here
        Assert.Equal(EntraFixture.DaemonId, token.GetClaim("azp").Value);
        Assert.Equal("app", token.GetClaim("idtyp").Value);
        Assert.Equal(EntraFixture.Tenant, token.GetClaim("tid").Value);
        Assert.Equal(token.GetClaim("oid").Value, token.Subject);
        Assert.False(token.TryGetClaim("scp", out _));
    }

    [Fact]
    public async Task The_API_may_be_named_by_its_client_id_too()
    {
        var body = await SmartFlow.ReadJsonAsync(await SecretAsync(scope: EntraFixture.ApiId + "/.default"));
        await entra.ValidateAsync(body.GetProperty("access_token").GetString()!, EntraFixture.ApiId);
    }

    [Fact]
    public async Task A_daemon_with_a_registered_key_authenticates_with_a_client_assertion()
    {
        var assertion = entra.Key.CreateAssertion(EntraFixture.KeyDaemonId, $"{EntraFixture.Instance}/{EntraFixture.Tenant}/oauth2/v2.0/token", entra.Factory.Clock.GetUtcNow());
        var body = await SmartFlow.ReadJsonAsync(await entra.TokenAsync(EntraFixture.Tenant, new()
        {
            ["grant_type"] = "client_credentials", ["scope"] = "api://mbcfhiredu-test/.default",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", ["client_assertion"] = assertion,
        }));
        var token = await entra.ValidateAsync(body.GetProperty("access_token").GetString()!, EntraFixture.ApiId);
        Assert.Equal(["Education.Read"], token.Claims.Where(c => c.Type == "roles").Select(c => c.Value));
        Assert.Equal("2", token.GetClaim("azpacr").Value);
    }

    [Fact]
    public async Task The_other_tenant_issues_tokens_under_its_own_issuer_and_tid()
    {
        var body = await SmartFlow.ReadJsonAsync(await SecretAsync(EntraFixture.OtherTenant));
        var token = await entra.ValidateAsync(body.GetProperty("access_token").GetString()!, EntraFixture.ApiId, EntraFixture.OtherTenant);
        Assert.Equal(EntraFixture.OtherTenant, token.GetClaim("tid").Value);
    }

    [Fact]
    public async Task A_wrong_secret_is_401_and_a_scope_naming_no_API_is_400()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await SecretAsync(secret: "not-the-secret-0123456789")).StatusCode);
        var body = await SmartFlow.ReadJsonAsync(await SecretAsync(scope: "api://unknown/.default"), HttpStatusCode.BadRequest);
        Assert.Equal("invalid_scope", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_client_without_credentials_cannot_use_client_credentials()
    {
        var body = await SmartFlow.ReadJsonAsync(await entra.TokenAsync(EntraFixture.Tenant, new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = EntraFixture.ApiId, ["scope"] = "api://mbcfhiredu-test/.default",
        }), HttpStatusCode.BadRequest);
        Assert.Equal("unauthorized_client", body.GetProperty("error").GetString());
    }
}
