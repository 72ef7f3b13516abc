using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MbcFhirEdu.Sandbox.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Sandbox.Tests.Entra;

/// <summary>The sandbox with an Entra-shaped tenant (plus a second tenant), two users, an API, a web app, a daemon
/// with a secret and one with a key (private_key_jwt), and helpers for the authorize/token round trip.</summary>
public sealed class EntraFixture : IDisposable
{
    public const string Tenant = "11111111-2222-3333-4444-555555555555";
    public const string OtherTenant = "99999999-8888-7777-6666-555555555555";
    public const string Instance = SmartFlow.Root + "/entra";
    public const string Issuer = Instance + "/" + Tenant + "/v2.0";
    public const string ApiId = "aaaaaaaa-0000-0000-0000-00000000a0a1";
    public const string WebId = "bbbbbbbb-0000-0000-0000-00000000b0b1";
    public const string DaemonId = "cccccccc-0000-0000-0000-00000000c0c1";
    public const string KeyDaemonId = "dddddddd-0000-0000-0000-00000000d0d1";
    public const string Secret = "entra-test-secret-0123456789";
    public const string Redirect = "https://console.example.test/signin-oidc";
    public const string SignedOut = "https://console.example.test/signout-callback-oidc";
    public const string CoordinatorOid = "00000000-0000-0000-0000-00000000c001";

    public EntraFixture()
    {
        Factory = SandboxFactory.With(new Dictionary<string, string?>
        {
            ["Sandbox:Entra:TenantId"] = Tenant,
            ["Sandbox:Entra:OtherTenantIds:0"] = OtherTenant,
            ["Sandbox:Entra:Users:coord:Oid"] = CoordinatorOid,
            ["Sandbox:Entra:Users:coord:Name"] = "Casey Coordinator",
            ["Sandbox:Entra:Users:coord:Username"] = "casey@contoso.test",
            ["Sandbox:Entra:Users:coord:Roles:0"] = "Education.Coordinator",
            ["Sandbox:Entra:Users:coord:Roles:1"] = "Education.Read",
            ["Sandbox:Entra:Users:plain:Oid"] = "00000000-0000-0000-0000-00000000e002",
            ["Sandbox:Entra:Users:plain:Name"] = "Pat Plain",
            ["Sandbox:Entra:Users:plain:Username"] = "pat@contoso.test",
            ["Sandbox:Entra:Apps:api:ClientId"] = ApiId,
            ["Sandbox:Entra:Apps:api:AppIdUri"] = "api://mbcfhiredu-test",
            ["Sandbox:Entra:Apps:api:AppRoles:0"] = "Education.Read",
            ["Sandbox:Entra:Apps:api:AppRoles:1"] = "Education.Send",
            ["Sandbox:Entra:Apps:api:Scopes:0"] = "Education.Read",
            ["Sandbox:Entra:Apps:web:ClientId"] = WebId,
            ["Sandbox:Entra:Apps:web:ClientSecret"] = Secret,
            ["Sandbox:Entra:Apps:web:RedirectUris:0"] = Redirect,
            ["Sandbox:Entra:Apps:web:RedirectUris:1"] = SignedOut,
            ["Sandbox:Entra:Apps:web:AppRoles:0"] = "Education.Coordinator",
            ["Sandbox:Entra:Apps:daemon:ClientId"] = DaemonId,
            ["Sandbox:Entra:Apps:daemon:ClientSecret"] = Secret,
            ["Sandbox:Entra:Apps:daemon:AssignedRoles:0"] = "Education.Send",
            ["Sandbox:Entra:Apps:daemon:AssignedRoles:1"] = "Education.Admin",
            ["Sandbox:Entra:Apps:keydaemon:ClientId"] = KeyDaemonId,
            ["Sandbox:Entra:Apps:keydaemon:Jwks"] = Key.Jwks,
            ["Sandbox:Entra:Apps:keydaemon:AssignedRoles:0"] = "Education.Read",
        });
    }

    public SandboxFactory Factory { get; }
    public TestClientKey Key { get; } = new("entra-daemon-key");

    public static string Verifier() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
    public static string Challenge(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public static string AuthorizeUrl(string tenant, string? loginHint, string verifier, string scope = "openid profile api://mbcfhiredu-test/Education.Read",
        string clientId = WebId, string redirect = Redirect, string? responseMode = null, string? challengeMethod = "S256") =>
        QueryHelpers.AddQueryString($"/sandbox/entra/{tenant}/oauth2/v2.0/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = clientId, ["response_type"] = "code", ["redirect_uri"] = redirect, ["scope"] = scope,
            ["state"] = "state-123", ["nonce"] = "nonce-456", ["code_challenge"] = Challenge(verifier),
            ["code_challenge_method"] = challengeMethod, ["login_hint"] = loginHint, ["response_mode"] = responseMode,
        }.Where(p => p.Value is not null));

    public async Task<Dictionary<string, string>> AuthorizeAsync(string url)
    {
        using var http = Factory.CreateSandboxClient();
        using var response = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return SmartFlow.Query(response.Headers.Location!);
    }

    public async Task<HttpResponseMessage> TokenAsync(string tenant, Dictionary<string, string> form)
    {
        using var http = Factory.CreateSandboxClient();
        return await http.PostAsync($"/sandbox/entra/{tenant}/oauth2/v2.0/token", new FormUrlEncodedContent(form));
    }

    /// <summary>Validates <paramref name="token"/> with the tenant's published keys and issuer (lifetime on the sandbox's clock).</summary>
    public async Task<JsonWebToken> ValidateAsync(string token, string audience, string tenant = Tenant)
    {
        using var http = Factory.CreateSandboxClient();
        var metadata = JsonDocument.Parse(await http.GetStringAsync($"/sandbox/entra/{tenant}/v2.0/.well-known/openid-configuration")).RootElement;
        var keys = new JsonWebKeySet(await http.GetStringAsync(new Uri(metadata.GetProperty("jwks_uri").GetString()!).PathAndQuery));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = metadata.GetProperty("issuer").GetString(),
            ValidAudience = audience,
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidAlgorithms = ["RS256"],
            LifetimeValidator = (nbf, exp, _, _) => nbf <= Factory.Clock.GetUtcNow().UtcDateTime && exp > Factory.Clock.GetUtcNow().UtcDateTime,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        return (JsonWebToken)result.SecurityToken;
    }

    public void Dispose()
    {
        Factory.Dispose();
        Key.Dispose();
    }
}
