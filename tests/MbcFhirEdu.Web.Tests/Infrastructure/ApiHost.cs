using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Web.Tests.Infrastructure;

/// <summary>
/// The web app with the API on Microsoft.Identity.Web, trusting the hosted sandbox's Entra-shaped issuer (tenant
/// <see cref="Tenant"/>; <see cref="WrongTenant"/> is served too). Its RSA key is a file the test also holds, so it can
/// sign tampered tokens with the trusted key. The care-management daemons get app-only tokens by client_credentials;
/// <see cref="ConsoleId"/> gets a user's (delegated) token by authorization code + PKCE. Our Backend Services client,
/// registered at the sandbox by its JWKS URL (<c>/.well-known/jwks.json</c> of this app), signs with the given algorithm.
/// </summary>
public sealed class ApiHost : IDisposable
{
    public const string WrongTenant = "0e9d8c7b-6a5f-4e3d-9c2b-1a0f9e8d7c6b";
    /// <summary>
    /// https: Identity.Web's issuer validator reads the tenant's metadata itself and only over https (RequireHttpsMetadata
    /// does not reach it). The test server takes https URLs without TLS, so the sandbox names itself https://localhost.
    /// </summary>
    public const string Origin = "https://localhost";
    public const string Instance = Origin + "/sandbox/entra/";

    /// <summary>
    /// A tenant of this host's own: Microsoft.IdentityModel keeps one AAD issuer validator per authority for the whole
    /// process, with the HttpClient of the first app that asked, so hosts sharing an authority would read the metadata
    /// through a test server that may already be gone.
    /// </summary>
    public string Tenant { get; }
    public string EntraIssuer => Instance + Tenant + "/v2.0";
    /// <summary>The API's application (client) id: the <c>aud</c> of its v2.0 tokens.</summary>
    public const string ApiClientId = "3b6d2a10-5c4e-4f7a-9b8c-1d2e3f4a5b6c";
    /// <summary>The API's Application ID URI (scopes are asked as <c>{Audience}/.default</c>).</summary>
    public const string Audience = "api://mbcfhiredu-test";
    public const string ReaderId = "care-mgmt";
    public const string NoRolesId = "care-mgmt-none";
    public const string SenderId = "care-mgmt-sender";
    public const string AdminId = "care-mgmt-admin";
    public const string ConsoleId = "care-console-test";
    public const string ConsoleRedirect = WebAppFactory.Origin + "/signin-oidc-test";
    public const string Secret = "api-client-secret-0123456789";
    public const string BackendClientId = "mbcedu-backend-test";
    public const string ReaderUser = "reader@contoso.test";
    public const string ReaderUserOid = "6a1e5c3b-0d2f-4e8a-9b7c-5d4e3f2a1b0c";
    public const string NoRoleUser = "norole@contoso.test";

    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"mbcedu-entra-key-{Guid.NewGuid():N}.pem");

    public ApiHost() : this("RS384", null) { }

    private ApiHost(string algorithm, IDictionary<string, string?>? extra, string? tenant = null)
    {
        Tenant = tenant ?? Guid.NewGuid().ToString();
        SandboxKey = RSA.Create(2048);
        File.WriteAllText(_keyFile, SandboxKey.ExportPkcs8PrivateKeyPem());
        using AsymmetricAlgorithm backend = algorithm == "ES384" ? ECDsa.Create(ECCurve.NamedCurves.nistP384) : RSA.Create(2048);
        var settings = new Dictionary<string, string?>
        {
            ["Sandbox:Entra:TenantId"] = Tenant,
            ["Sandbox:Entra:OtherTenantIds:0"] = WrongTenant,
            ["Sandbox:Entra:SigningKeyFile"] = _keyFile,
            ["Sandbox:Entra:Apps:test-api:ClientId"] = ApiClientId,
            ["Sandbox:Entra:Apps:test-api:AppIdUri"] = Audience,
            ["Sandbox:Entra:Apps:test-api:AppRoles:0"] = "Education.Read",
            ["Sandbox:Entra:Apps:test-api:AppRoles:1"] = "Education.Send",
            ["Sandbox:Entra:Apps:test-api:AppRoles:2"] = "Education.Admin",
            ["Sandbox:Entra:Apps:test-api:AppRoles:3"] = "Some.Other.Role",
            ["Sandbox:Entra:Apps:test-api:Scopes:0"] = "Education.Read",
            ["Sandbox:Entra:Apps:test-api:Scopes:1"] = "Education.Send",
            ["Sandbox:Entra:Apps:test-reader:ClientId"] = ReaderId,
            ["Sandbox:Entra:Apps:test-reader:ClientSecret"] = Secret,
            ["Sandbox:Entra:Apps:test-reader:AssignedRoles:0"] = "Education.Read",
            ["Sandbox:Entra:Apps:test-none:ClientId"] = NoRolesId,
            ["Sandbox:Entra:Apps:test-none:ClientSecret"] = Secret,
            ["Sandbox:Entra:Apps:test-none:AssignedRoles:0"] = "Some.Other.Role",
            ["Sandbox:Entra:Apps:test-sender:ClientId"] = SenderId,
            ["Sandbox:Entra:Apps:test-sender:ClientSecret"] = Secret,
            ["Sandbox:Entra:Apps:test-sender:AssignedRoles:0"] = "Education.Send",
            ["Sandbox:Entra:Apps:test-sender:AssignedRoles:1"] = "Education.Read",
            ["Sandbox:Entra:Apps:test-admin:ClientId"] = AdminId,
            ["Sandbox:Entra:Apps:test-admin:ClientSecret"] = Secret,
            ["Sandbox:Entra:Apps:test-admin:AssignedRoles:0"] = "Education.Admin",
            ["Sandbox:Entra:Apps:test-console:ClientId"] = ConsoleId,
            ["Sandbox:Entra:Apps:test-console:ClientSecret"] = Secret,
            ["Sandbox:Entra:Apps:test-console:RedirectUris:0"] = ConsoleRedirect,
            ["Sandbox:Entra:Users:test-reader:Oid"] = ReaderUserOid,
            ["Sandbox:Entra:Users:test-reader:Name"] = "Rae Reader",
            ["Sandbox:Entra:Users:test-reader:Username"] = ReaderUser,
            ["Sandbox:Entra:Users:test-reader:Roles:0"] = "Education.Read",
            ["Sandbox:Entra:Users:test-norole:Oid"] = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
            ["Sandbox:Entra:Users:test-norole:Name"] = "Noel Norole",
            ["Sandbox:Entra:Users:test-norole:Username"] = NoRoleUser,
            ["Sandbox:Clients:0:ClientId"] = BackendClientId,
            ["Sandbox:Clients:0:Type"] = "ConfidentialAsymmetric",
            ["Sandbox:Clients:0:JwksUrl"] = WebAppFactory.Origin + "/.well-known/jwks.json",
            ["Sandbox:Clients:0:Scopes:0"] = "system/Patient.rs system/Condition.rs system/Observation.rs system/DiagnosticReport.rs system/Communication.c",
            ["BackendServices:ClientId"] = BackendClientId,
            ["BackendServices:KeyId"] = "backend-test-1",
            ["BackendServices:SigningAlgorithm"] = algorithm,
            ["BackendServices:PrivateKey"] = backend is RSA rsa ? rsa.ExportPkcs8PrivateKeyPem() : ((ECDsa)backend).ExportPkcs8PrivateKeyPem(),
            // Microsoft.Identity.Web against the hosted sandbox: only Instance and TenantId differ from a real tenant.
            ["Entra:Api:Instance"] = Instance,
            ["Entra:Api:TenantId"] = Tenant,
            ["Entra:Api:ClientId"] = ApiClientId,
            // v2.0 tokens carry the client id; v1.0 tokens the Application ID URI.
            ["Entra:Api:Audiences:0"] = ApiClientId,
            ["Entra:Api:Audiences:1"] = Audience,
            // Unlike appsettings.Development.json: https metadata, and the issuer read from it (no configured issuer).
            ["Entra:Api:RequireHttpsMetadata"] = "true",
            ["Entra:Api:TokenValidationParameters:ValidIssuer"] = "",
            ["Api:FhirBase"] = WebAppFactory.Issuer,
            // The practitioners the sending client acts for (issue 15: any other sender is refused).
            ["Api:Clients:0:ClientId"] = SenderId,
            ["Api:Clients:0:Senders:0"] = "Practitioner/onc-halloway",
            ["Api:Clients:0:Senders:1"] = "Practitioner/someone-else",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        Factory = WebAppFactory.With(settings);
    }

    /// <summary>A host whose Backend Services client signs with <paramref name="algorithm"/> (RS384 or ES384), plus extra settings.</summary>
    public static ApiHost Create(string algorithm, IDictionary<string, string?>? extra = null, string? tenant = null) => new(algorithm, extra, tenant);

    public WebAppFactory Factory { get; }

    /// <summary>The Entra-shaped issuer's signing key, trusted by the API through the tenant's metadata.</summary>
    public RSA SandboxKey { get; }

    public HttpClient NewClient() => Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client of the sandbox's Entra-shaped endpoints at <see cref="Origin"/> (so its tokens name the https issuer).</summary>
    private HttpClient EntraClient() => Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(Origin) });

    /// <summary>A real app-only token (client_credentials) from the sandbox's Entra-shaped token endpoint.</summary>
    public async Task<string> TokenAsync(string clientId = ReaderId, string? tenant = null, string scope = Audience + "/.default")
    {
        using var http = EntraClient();
        using var response = await http.PostAsync($"/sandbox/entra/{tenant ?? Tenant}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = Secret, ["scope"] = scope,
        }));
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>A real user's token (authorization code + PKCE, <c>login_hint</c> signs the user in) issued to the console
    /// client for <paramref name="scopes"/> of the API (delegated: <c>scp</c>, and the user's roles).</summary>
    public async Task<string> UserTokenAsync(string username = ReaderUser, string scopes = "Education.Read")
    {
        using var http = EntraClient();
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));
        var scope = "openid " + string.Join(' ', scopes.Split(' ').Select(s => $"{Audience}/{s}"));
        var authorize = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString($"/sandbox/entra/{Tenant}/oauth2/v2.0/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = ConsoleId, ["response_type"] = "code", ["redirect_uri"] = ConsoleRedirect, ["scope"] = scope, ["state"] = "s",
            ["code_challenge"] = challenge, ["code_challenge_method"] = "S256", ["login_hint"] = username,
        });
        using var redirect = await http.GetAsync(authorize);
        var code = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(redirect.Headers.Location!.Query)["code"].ToString();
        using var response = await http.PostAsync($"/sandbox/entra/{Tenant}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["client_id"] = ConsoleId, ["client_secret"] = Secret, ["code"] = code,
            ["redirect_uri"] = ConsoleRedirect, ["code_verifier"] = verifier,
        }));
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    public async Task<(HttpResponseMessage Response, JsonElement Body)> GetAsync(string path, string? token)
    {
        using var http = NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>
    /// A token signed like the sandbox's Entra-shaped issuer signs an app-only token (same key, kid, issuer, audience,
    /// tid, azp, ver) with one thing changed: the refusal tests change exactly what they test.
    /// </summary>
    public string Forge(string? audience = null, string? issuer = null, RSA? key = null, TimeSpan? expiresIn = null, string[]? roles = null,
        string clientId = SenderId, string? tenant = null, IDictionary<string, object>? claims = null, string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var expires = DateTime.UtcNow + (expiresIn ?? TimeSpan.FromMinutes(30));
        var all = new Dictionary<string, object>
        {
            ["tid"] = tenant ?? Tenant, ["oid"] = "0f1e2d3c-4b5a-4968-8778-695a4b3c2d1e", ["sub"] = "0f1e2d3c-4b5a-4968-8778-695a4b3c2d1e",
            ["azp"] = clientId, ["idtyp"] = "app", ["ver"] = "2.0",
        };
        if ((roles ?? ["Education.Send", "Education.Read"]) is { Length: > 0 } r) all["roles"] = r;
        foreach (var (name, value) in claims ?? new Dictionary<string, object>()) all[name] = value;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? EntraIssuer,
            Audience = audience ?? ApiClientId,
            IssuedAt = expires - TimeSpan.FromHours(1),
            NotBefore = expires - TimeSpan.FromHours(1),
            Expires = expires,
            Claims = all,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key ?? SandboxKey) { KeyId = KeyId }, algorithm),
        });
    }

    /// <summary>The issuer's kid: the RFC 7638 thumbprint of its public key.</summary>
    public string KeyId
    {
        get
        {
            var p = SandboxKey.ExportParameters(false);
            var n = Base64UrlEncoder.Encode(p.Modulus!);
            var e = Base64UrlEncoder.Encode(p.Exponent!);
            return Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{{\"e\":\"{e}\",\"kty\":\"RSA\",\"n\":\"{n}\"}}")));
        }
    }

    /// <summary>Sends <paramref name="request"/> with <paramref name="token"/>; returns the response and its JSON body (default when empty).</summary>
    public async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpRequestMessage request, string? token)
    {
        using var http = NewClient();
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 || text[0] is not ('{' or '[') ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public void Dispose()
    {
        Factory.Dispose();
        SandboxKey.Dispose();
        File.Delete(_keyFile);
    }
}
