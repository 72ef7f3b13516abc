using System.Net;
using System.Security.Cryptography;
using System.Text;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Web.Tests.Api;

/// <summary>
/// Bearer tokens on /api/*: only a token from the configured issuer, for the API's audience, signed with the issuer's
/// key, unexpired and carrying Education.Read reaches the recommendations; a browser session never does.
/// </summary>
public sealed class ApiAuthenticationTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const string Path = "/api/v1/patients/her2-low-ihc1-akt1/recommendations";

    /// <summary>Signs like the sandbox does (same key, kid, claims) with one thing changed.</summary>
    private string Forge(string? audience = null, string? issuer = null, RSA? key = null, TimeSpan? expiresIn = null, string[]? roles = null,
        string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromMinutes(30));
        var signing = new RsaSecurityKey(key ?? host.SandboxKey) { KeyId = Kid() };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? WebAppFactory.Issuer,
            Audience = audience ?? ApiHost.Audience,
            IssuedAt = expires - TimeSpan.FromHours(1),
            NotBefore = expires - TimeSpan.FromHours(1),
            Expires = expires,
            Claims = new Dictionary<string, object> { ["sub"] = "care-mgmt", ["roles"] = roles ?? ["Education.Read"] },
            SigningCredentials = new SigningCredentials(signing, algorithm),
        });
    }

    // The sandbox's kid is the RFC 7638 thumbprint of its public key.
    private string Kid()
    {
        var p = host.SandboxKey.ExportParameters(false);
        var n = Base64UrlEncoder.Encode(p.Modulus!);
        var e = Base64UrlEncoder.Encode(p.Exponent!);
        return Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes($"{{\"e\":\"{e}\",\"kty\":\"RSA\",\"n\":\"{n}\"}}")));
    }

    [Fact]
    public async Task TokenFromTheSandboxWithEducationRead_GetsRecommendations()
    {
        var (response, body) = await host.GetAsync(Path, await host.TokenAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("her2-low-ihc1-akt1", body.GetProperty("patient").GetString());
    }

    [Fact]
    public async Task ForgedTokenWithTheTrustedKeyAndRightClaims_IsAccepted_SoTheRefusalsBelowAreAboutTheOneChange()
    {
        var (response, _) = await host.GetAsync(Path, Forge());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string> Refusals => ["audience", "issuer", "signature", "expired", "none", "hmac", "garbage"];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task BadToken_Is401WithAJsonError(string what)
    {
        using var stranger = RSA.Create(2048);
        var token = what switch
        {
            "audience" => Forge(audience: "api://some-other-api"),
            "issuer" => Forge(issuer: "https://login.example.org/other-tenant/v2.0"),
            "signature" => Forge(key: stranger),
            "expired" => Forge(expiresIn: TimeSpan.FromMinutes(-5)),
            "none" => Unsigned(),
            "hmac" => Hmac(),
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
        var payload = new JsonWebToken(Forge()).EncodedPayload;
        return $"{header}.{payload}.";
    }

    // An HS256 token whose secret is the issuer's public modulus: the classic algorithm-confusion attempt.
    private string Hmac()
    {
        var secret = new SymmetricSecurityKey(host.SandboxKey.ExportParameters(false).Modulus!) { KeyId = Kid() };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = WebAppFactory.Issuer, Audience = ApiHost.Audience, Expires = DateTime.UtcNow.AddMinutes(30),
            Claims = new Dictionary<string, object> { ["roles"] = new[] { "Education.Read" } },
            SigningCredentials = new SigningCredentials(secret, SecurityAlgorithms.HmacSha256),
        });
    }

    [Fact]
    public async Task NoToken_Is401()
    {
        var (response, body) = await host.GetAsync(Path, null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("bearer token is required", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ValidTokenWithoutTheRole_Is403()
    {
        var (fromSandbox, body) = await host.GetAsync(Path, await host.TokenAsync(ApiHost.NoRolesId));
        Assert.Equal(HttpStatusCode.Forbidden, fromSandbox.StatusCode);
        Assert.Equal("insufficient_role", body.GetProperty("error").GetString());

        var (sendOnly, _) = await host.GetAsync(Path, Forge(roles: ["Education.Send"]));
        Assert.Equal(HttpStatusCode.Forbidden, sendOnly.StatusCode);
        var (admin, _) = await host.GetAsync(Path, Forge(roles: ["Education.Admin"]));
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task PatientBrowserSession_NeverReachesTheApi()
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
    public async Task ApiToken_NeverOpensAPatientPage()
    {
        using var http = host.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/app");
        request.Headers.Authorization = new("Bearer", await host.TokenAsync());
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("data-material", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownApiAddress_Is401WithoutTokenAnd404JsonWithOne()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.GetAsync("/api/v1/nothing-here", null)).Response.StatusCode);
        var (response, body) = await host.GetAsync("/api/v1/nothing-here", await host.TokenAsync());
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", body.GetProperty("error").GetString());
    }
}
