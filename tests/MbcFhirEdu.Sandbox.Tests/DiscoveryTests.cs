using System.Net;
using MbcFhirEdu.Sandbox.Tests.Infrastructure;

namespace MbcFhirEdu.Sandbox.Tests;

public sealed class DiscoveryTests(SandboxFactory factory) : IClassFixture<SandboxFactory>
{
    private readonly HttpClient _http = factory.CreateSandboxClient();

    [Fact]
    public async Task SmartConfiguration_ListsEndpointsBuiltFromTheRequestHostAndPrefix()
    {
        var doc = await SmartFlow.ReadJsonAsync(await _http.GetAsync("/sandbox/fhir/.well-known/smart-configuration"));

        Assert.Equal("http://localhost/sandbox/fhir", doc.GetProperty("issuer").GetString());
        Assert.Equal("http://localhost/sandbox/auth/authorize", doc.GetProperty("authorization_endpoint").GetString());
        Assert.Equal("http://localhost/sandbox/auth/token", doc.GetProperty("token_endpoint").GetString());
        Assert.Equal("http://localhost/sandbox/auth/jwks", doc.GetProperty("jwks_uri").GetString());
        Assert.Equal(["S256"], Strings(doc, "code_challenge_methods_supported"));
        Assert.Equal(["code"], Strings(doc, "response_types_supported"));
        Assert.Superset(new HashSet<string> { "authorization_code", "refresh_token", "client_credentials" }, Strings(doc, "grant_types_supported").ToHashSet());
        Assert.Superset(new HashSet<string> { "client_secret_basic", "private_key_jwt" }, Strings(doc, "token_endpoint_auth_methods_supported").ToHashSet());
        Assert.Contains("patient/*.rs", Strings(doc, "scopes_supported"));
        Assert.Superset(new HashSet<string>
        {
            "launch-ehr", "launch-standalone", "client-public", "client-confidential-symmetric", "client-confidential-asymmetric",
            "context-passthrough-banner", "context-passthrough-style", "context-ehr-patient", "context-standalone-patient",
            "permission-v1", "permission-v2", "permission-patient", "permission-user", "permission-offline", "sso-openid-connect",
        }, Strings(doc, "capabilities").ToHashSet());
    }

    [Fact]
    public async Task Metadata_IsACapabilityStatementWithTheOAuthUrisExtension()
    {
        using var response = await _http.GetAsync("/sandbox/fhir/metadata");
        var doc = await SmartFlow.ReadJsonAsync(response);

        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("CapabilityStatement", doc.GetProperty("resourceType").GetString());
        var extension = doc.GetProperty("rest")[0].GetProperty("security").GetProperty("extension")[0];
        Assert.Equal("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris", extension.GetProperty("url").GetString());
        var uris = extension.GetProperty("extension").EnumerateArray().ToDictionary(e => e.GetProperty("url").GetString()!, e => e.GetProperty("valueUri").GetString());
        Assert.Equal("http://localhost/sandbox/auth/authorize", uris["authorize"]);
        Assert.Equal("http://localhost/sandbox/auth/token", uris["token"]);
    }

    [Fact]
    public async Task Jwks_PublishesOneRsaSigningKey()
    {
        var doc = await SmartFlow.ReadJsonAsync(await _http.GetAsync("/sandbox/auth/jwks"));

        var key = Assert.Single(doc.GetProperty("keys").EnumerateArray());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.False(key.TryGetProperty("d", out _), "the private exponent must never be published");
    }

    [Fact]
    public async Task SmartStyle_HasColoursAndAFontFamily()
    {
        var doc = await SmartFlow.ReadJsonAsync(await _http.GetAsync("/sandbox/smart-style.json"));

        Assert.StartsWith("#", doc.GetProperty("color_background").GetString());
        Assert.False(string.IsNullOrEmpty(doc.GetProperty("font_family_body").GetString()));
    }

    [Fact]
    public async Task HomePage_ListsEveryPatientWithLaunchLinks()
    {
        using var response = await _http.GetAsync("/sandbox/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("launch-portal?patient=spanish-bone-eye", html);
        Assert.Contains("launch-ehr?patient=male-brca2-bone-nodes", html);
    }

    [Fact]
    public async Task PatientIndex_IsServedAsJson()
    {
        var index = await SmartFlow.ReadJsonAsync(await _http.GetAsync("/sandbox/patients"));

        Assert.True(index.GetProperty("patients").GetArrayLength() >= 12);
        Assert.Contains(index.GetProperty("practitioners").EnumerateArray(), p => p.GetProperty("id").GetString() == "coord-brightwater");
    }

    private static string[] Strings(System.Text.Json.JsonElement doc, string name) =>
        doc.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();
}
