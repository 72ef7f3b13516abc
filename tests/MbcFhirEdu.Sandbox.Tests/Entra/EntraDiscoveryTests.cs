using System.Net;
using System.Text.Json;
using MbcFhirEdu.Sandbox.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Sandbox.Tests.Entra;

/// <summary>The Entra-shaped discovery document and keys, at the paths Entra ID uses under an instance.</summary>
public sealed class EntraDiscoveryTests(EntraFixture entra) : IClassFixture<EntraFixture>
{
    [Fact]
    public async Task The_discovery_document_names_the_tenant_issuer_and_its_endpoints_with_code_PKCE_S256_and_RS256()
    {
        using var http = entra.Factory.CreateSandboxClient();
        var doc = JsonDocument.Parse(await http.GetStringAsync($"/sandbox/entra/{EntraFixture.Tenant}/v2.0/.well-known/openid-configuration")).RootElement;
        Assert.Equal(EntraFixture.Issuer, doc.GetProperty("issuer").GetString());
        Assert.Equal($"{EntraFixture.Instance}/{EntraFixture.Tenant}/oauth2/v2.0/authorize", doc.GetProperty("authorization_endpoint").GetString());
        Assert.Equal($"{EntraFixture.Instance}/{EntraFixture.Tenant}/oauth2/v2.0/token", doc.GetProperty("token_endpoint").GetString());
        Assert.Equal($"{EntraFixture.Instance}/{EntraFixture.Tenant}/discovery/v2.0/keys", doc.GetProperty("jwks_uri").GetString());
        Assert.Equal(["code"], doc.GetProperty("response_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["S256"], doc.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["RS256"], doc.GetProperty("id_token_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task The_other_tenant_has_its_own_issuer()
    {
        using var http = entra.Factory.CreateSandboxClient();
        var doc = JsonDocument.Parse(await http.GetStringAsync($"/sandbox/entra/{EntraFixture.OtherTenant}/v2.0/.well-known/openid-configuration")).RootElement;
        Assert.Equal($"{EntraFixture.Instance}/{EntraFixture.OtherTenant}/v2.0", doc.GetProperty("issuer").GetString());
    }

    [Theory]
    [InlineData("/v2.0/.well-known/openid-configuration")]
    [InlineData("/discovery/v2.0/keys")]
    public async Task An_unknown_tenant_is_refused_like_Entra_refuses_it(string path)
    {
        using var http = entra.Factory.CreateSandboxClient();
        using var response = await http.GetAsync("/sandbox/entra/no-such-tenant" + path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("AADSTS90002", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_keys_are_its_own_not_the_SMART_sandbox_key_and_name_the_tenant_issuer()
    {
        using var http = entra.Factory.CreateSandboxClient();
        var entraKeys = JsonDocument.Parse(await http.GetStringAsync($"/sandbox/entra/{EntraFixture.Tenant}/discovery/v2.0/keys")).RootElement.GetProperty("keys");
        var smartKeys = new JsonWebKeySet(await http.GetStringAsync("/sandbox/auth/jwks"));
        var key = Assert.Single(entraKeys.EnumerateArray());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal(EntraFixture.Issuer, key.GetProperty("issuer").GetString());
        Assert.DoesNotContain(smartKeys.Keys, k => k.N == key.GetProperty("n").GetString());
    }

    [Fact]
    public async Task With_no_tenant_configured_the_provider_is_off()
    {
        using var factory = new SandboxFactory();
        using var http = factory.CreateSandboxClient();
        using var response = await http.GetAsync("/sandbox/entra/anything/v2.0/.well-known/openid-configuration");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
