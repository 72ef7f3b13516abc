using System.Net;
using System.Security.Cryptography;
using MbcFhirEdu.Web.Infrastructure.ApiAuth;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.IdentityModel.Validators;

namespace MbcFhirEdu.Web.Tests.Api;

/// <summary>
/// Bearer tokens on /api/* through Microsoft.Identity.Web against the sandbox's Entra-shaped issuer: only a token of the
/// configured tenant, for the API's audience, signed with the tenant's key, unexpired and carrying the app role (and,
/// for a user's token, the scope) reaches the API; every refusal is 401/403 with the API's JSON error; a browser
/// session never gets in.
/// </summary>
public sealed class ApiAuthenticationTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const string Path = "/api/v1/patients/her2-low-ihc1-akt1/recommendations";

    [Fact]
    public async Task An_app_token_from_the_sandbox_tenant_with_Education_Read_gets_recommendations()
    {
        var (response, body) = await host.GetAsync(Path, await host.TokenAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("her2-low-ihc1-akt1", body.GetProperty("patient").GetString());
    }

    [Fact]
    public async Task Identity_Web_checks_the_issuer_with_its_AAD_issuer_validator_against_the_tenant_metadata_and_accepts_the_sandbox()
    {
        var options = host.Factory.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(ApiRoles.Scheme);
        Assert.IsType<AadIssuerValidator>(options.TokenValidationParameters.IssuerValidator?.Target);
        // No configured issuer list: the accepted issuer is the one the tenant's metadata names.
        Assert.True(string.IsNullOrEmpty(options.TokenValidationParameters.ValidIssuer));
        Assert.Null(options.TokenValidationParameters.ValidIssuers);
        Assert.Equal(host.EntraIssuer, options.Authority);
        var (response, _) = await host.GetAsync(Path, await host.TokenAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_forged_token_with_the_trusted_key_and_right_claims_is_accepted_so_the_refusals_below_are_about_the_one_change()
    {
        var (response, _) = await host.GetAsync(Path, host.Forge());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string> Refusals =>
        ["wrong tenant (real token)", "wrong tenant (tid and issuer)", "wrong tenant (tid only)", "audience", "issuer", "signature", "expired",
         "none", "hmac", "no roles or scopes", "garbage"];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_bad_token_is_401_with_the_API_JSON_error(string what)
    {
        using var stranger = RSA.Create(2048);
        var token = what switch
        {
            "wrong tenant (real token)" => await host.TokenAsync(tenant: ApiHost.WrongTenant),
            "wrong tenant (tid and issuer)" => host.Forge(tenant: ApiHost.WrongTenant, issuer: $"{ApiHost.Instance}{ApiHost.WrongTenant}/v2.0"),
            "wrong tenant (tid only)" => host.Forge(tenant: ApiHost.WrongTenant),
            "audience" => host.Forge(audience: "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a"),
            "issuer" => host.Forge(issuer: "https://login.example.org/" + host.Tenant + "/v2.0"),
            "signature" => host.Forge(key: stranger),
            "expired" => host.Forge(expiresIn: TimeSpan.FromMinutes(-5)),
            "none" => Unsigned(),
            "hmac" => Hmac(),
            "no roles or scopes" => host.Forge(roles: []),
            _ => "not.a.jwt",
        };
        var (response, body) = await host.GetAsync(Path, token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_token", body.GetProperty("error").GetString());
        Assert.False(body.TryGetProperty("materials", out _));
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    private string Unsigned()
    {
        var header = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        return $"{header}.{new JsonWebToken(host.Forge()).EncodedPayload}.";
    }

    // An HS256 token whose secret is the issuer's public modulus: the classic algorithm-confusion attempt.
    private string Hmac()
    {
        var secret = new SymmetricSecurityKey(host.SandboxKey.ExportParameters(false).Modulus!) { KeyId = host.KeyId };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = host.EntraIssuer, Audience = ApiHost.ApiClientId, Expires = DateTime.UtcNow.AddMinutes(30),
            Claims = new Dictionary<string, object> { ["roles"] = new[] { "Education.Read" }, ["tid"] = host.Tenant, ["ver"] = "2.0", ["azp"] = ApiHost.ReaderId },
            SigningCredentials = new SigningCredentials(secret, SecurityAlgorithms.HmacSha256),
        });
    }

    [Fact]
    public async Task No_token_is_401()
    {
        var (response, body) = await host.GetAsync(Path, null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("bearer token is required", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_valid_token_without_the_role_is_403()
    {
        var (fromSandbox, body) = await host.GetAsync(Path, await host.TokenAsync(ApiHost.NoRolesId));
        Assert.Equal(HttpStatusCode.Forbidden, fromSandbox.StatusCode);
        Assert.Equal("insufficient_role", body.GetProperty("error").GetString());

        var (sendOnly, _) = await host.GetAsync(Path, host.Forge(roles: ["Education.Send"]));
        Assert.Equal(HttpStatusCode.Forbidden, sendOnly.StatusCode);
        var (admin, _) = await host.GetAsync(Path, host.Forge(roles: ["Education.Admin"]));
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task Education_Send_reaches_the_send_endpoint_and_Education_Read_does_not()
    {
        // An empty body: a caller the policy lets in gets the body's 400, one it keeps out gets 403 first.
        HttpRequestMessage Post() => ApiDeliveryHost.Post(Guid.NewGuid().ToString(), "{}", "her2-low-ihc1-akt1");
        var (sender, _) = await host.SendAsync(Post(), await host.TokenAsync(ApiHost.SenderId));
        Assert.Equal(HttpStatusCode.BadRequest, sender.StatusCode);
        var (reader, body) = await host.SendAsync(Post(), await host.TokenAsync(ApiHost.ReaderId));
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
        Assert.Equal("insufficient_role", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Education_Admin_reaches_the_audit_export_and_Education_Read_does_not()
    {
        async Task<HttpStatusCode> ExportAsync(string clientId)
        {
            using var http = host.NewClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/audit");
            request.Headers.Authorization = new("Bearer", await host.TokenAsync(clientId));
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, await ExportAsync(ApiHost.AdminId));
        Assert.Equal(HttpStatusCode.Forbidden, await ExportAsync(ApiHost.ReaderId));
    }

    [Fact]
    public async Task A_users_token_with_the_role_and_the_Education_Read_scope_gets_recommendations()
    {
        var (response, body) = await host.GetAsync(Path, await host.UserTokenAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("her2-low-ihc1-akt1", body.GetProperty("patient").GetString());
    }

    [Fact]
    public async Task A_users_read_is_audited_with_the_users_object_id_and_an_apps_with_its_client_id()
    {
        const string patient = "recurrence-lung-liver-esr1";
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync($"/api/v1/patients/{patient}/recommendations", await host.UserTokenAsync())).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync($"/api/v1/patients/{patient}/recommendations", await host.TokenAsync())).Response.StatusCode);

        var db = await host.Factory.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<MbcFhirEdu.Data.MbcEduDbContext>>().CreateDbContextAsync();
        await using (db)
        {
            var actors = db.AuditEvents.Where(a => a.PatientId == patient && a.Action == "api.recommendations.read").Select(a => a.Actor).ToList();
            Assert.Contains(ApiHost.ReaderUserOid, actors);
            Assert.Contains(ApiHost.ReaderId, actors);
        }
    }

    [Fact]
    public async Task A_users_token_needs_the_role_and_the_scope()
    {
        // The scope alone (the user has no app role) is not enough ...
        var (noRole, _) = await host.GetAsync(Path, await host.UserTokenAsync(ApiHost.NoRoleUser));
        Assert.Equal(HttpStatusCode.Forbidden, noRole.StatusCode);
        // ... nor the role without the scope the client was granted (a token asked for Education.Send only).
        var (otherScope, _) = await host.GetAsync(Path, await host.UserTokenAsync(scopes: "Education.Send"));
        Assert.Equal(HttpStatusCode.Forbidden, otherScope.StatusCode);
    }

    [Fact]
    public async Task A_patient_browser_session_never_reaches_the_API()
    {
        var browser = host.Factory.NewBrowser();
        var page = await Launches.AsPatientAsync(browser, "her2-low-ihc1-akt1");
        Assert.Contains("data-material", page);
        Assert.NotEmpty(browser.Cookies);

        using var response = await browser.GetAsync(Path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("materials", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_API_token_never_opens_a_patient_page()
    {
        using var http = host.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/app");
        request.Headers.Authorization = new("Bearer", await host.TokenAsync());
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("data-material", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_API_address_is_401_without_a_token_and_404_JSON_with_one()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync("/api/v1/nothing-here", null)).Response.StatusCode);
        var (response, body) = await host.GetAsync("/api/v1/nothing-here", await host.TokenAsync());
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", body.GetProperty("error").GetString());
    }
}
