using System.Net;
using System.Text.Json;
using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests.Api;

/// <summary>
/// <c>Entra:Api</c> as configuration only: the Development shape (the hosted sandbox over http, which Identity.Web's issuer
/// validator cannot read, so the issuer is configured), and the start-up checks that keep it out of production.
/// </summary>
public sealed class ApiEntraConfigurationTests
{
    private const string HttpInstance = WebAppFactory.Origin + "/sandbox/entra/";
    private const string Tenant = "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9";

    [Fact]
    public async Task Over_http_in_Development_the_configured_issuer_and_RequireHttpsMetadata_false_let_sandbox_tokens_in()
    {
        using var host = ApiHost.Create("RS384", new Dictionary<string, string?>
        {
            ["Entra:Api:Instance"] = HttpInstance,
            ["Entra:Api:RequireHttpsMetadata"] = "false",
            ["Entra:Api:TokenValidationParameters:ValidIssuer"] = HttpInstance + Tenant + "/v2.0",
            ["Sandbox:Entra:TenantId"] = Tenant,
            ["Entra:Api:TenantId"] = Tenant,
        });
        using var http = host.Factory.CreateClient();
        using var tokenResponse = await http.PostAsync($"/sandbox/entra/{Tenant}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = ApiHost.ReaderId, ["client_secret"] = ApiHost.Secret, ["scope"] = ApiHost.Audience + "/.default",
        }));
        var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/patients/her2-low-ihc1-akt1/recommendations");
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The other tenant's token still fails: the issuer validator compares the token's tid-specific issuer.
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/v1/patients/her2-low-ihc1-akt1/recommendations");
        wrong.Headers.Authorization = new("Bearer", host.Forge(tenant: ApiHost.WrongTenant, issuer: HttpInstance + ApiHost.WrongTenant + "/v2.0"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);
    }

    [Theory]
    [InlineData("Entra:Api:RequireHttpsMetadata", "false", "Production", "may be false only in Development or with a loopback Instance")]
    [InlineData("Entra:Api:TenantId", "common", "Development", "must be the directory id")]
    [InlineData("Entra:Api:Instance", "login.microsoftonline.com", "Development", "Entra:Api:Instance must be an absolute URL")]
    [InlineData("Entra:Api:AllowWebApiToBeAuthorizedByACL", "true", "Development", "must be false")]
    // The hand-written JwtBearer glue's keys are gone: set, they stop the start rather than leave the API off.
    [InlineData("Api:Audience", "api://mbcfhiredu", "Development", "Api:Audience is no longer read")]
    [InlineData("Api:Issuers:0", "https://login.example.org/", "Development", "Api:Issuers is no longer read")]
    [InlineData("Api:JwksUrl", "https://login.example.org/keys", "Development", "Api:JwksUrl is no longer read")]
    [InlineData("Api:Authority", "https://login.example.org/", "Development", "Api:Authority is no longer read")]
    public void A_wrong_setting_stops_the_start_naming_the_key(string key, string value, string environment, string message)
    {
        using var factory = new WebAppFactory { EnvironmentName = environment };
        factory.Set("Entra:Api:ClientId", ApiHost.ApiClientId);
        factory.Set("Entra:Api:TenantId", Tenant);
        factory.Set("Entra:Api:Instance", "https://login.microsoftonline.com/");
        factory.Set(key, value);
        var error = Assert.ThrowsAny<Exception>(() => factory.Services);
        Assert.Contains(message, error.ToString());
    }
}
