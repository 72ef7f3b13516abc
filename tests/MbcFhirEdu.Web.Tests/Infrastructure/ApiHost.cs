using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Web.Tests.Infrastructure;

/// <summary>
/// The web app with the API on: the hosted sandbox issues API test tokens (its RSA key is a file the test also
/// holds, so it can sign tampered tokens with the trusted key), and our Backend Services client, registered at the
/// sandbox by its JWKS URL (<c>/.well-known/jwks.json</c> of this app), signs with <paramref name="algorithm"/>.
/// </summary>
public sealed class ApiHost : IDisposable
{
    public const string Audience = "api://mbcfhiredu-test";
    public const string ReaderId = "care-mgmt";
    public const string NoRolesId = "care-mgmt-none";
    public const string SenderId = "care-mgmt-sender";
    public const string AdminId = "care-mgmt-admin";
    public const string Secret = "api-client-secret-0123456789";
    public const string BackendClientId = "mbcedu-backend-test";

    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"mbcedu-sandbox-key-{Guid.NewGuid():N}.pem");

    public ApiHost() : this("RS384", null) { }

    private ApiHost(string algorithm, IDictionary<string, string?>? extra)
    {
        SandboxKey = RSA.Create(2048);
        File.WriteAllText(_keyFile, SandboxKey.ExportPkcs8PrivateKeyPem());
        using AsymmetricAlgorithm backend = algorithm == "ES384" ? ECDsa.Create(ECCurve.NamedCurves.nistP384) : RSA.Create(2048);
        var settings = new Dictionary<string, string?>
        {
            ["Sandbox:SigningKeyFile"] = _keyFile,
            ["Sandbox:ApiAudience"] = Audience,
            ["Sandbox:ApiClients:0:ClientId"] = ReaderId,
            ["Sandbox:ApiClients:0:ClientSecret"] = Secret,
            ["Sandbox:ApiClients:0:Roles:0"] = "Education.Read",
            // Configuration lists merge by index: without this, appsettings.Development.json's second role (Education.Send)
            // would be added to the reader.
            ["Sandbox:ApiClients:0:Roles:1"] = "Education.Read",
            ["Sandbox:ApiClients:1:ClientId"] = NoRolesId,
            ["Sandbox:ApiClients:1:ClientSecret"] = Secret,
            ["Sandbox:ApiClients:1:Roles:0"] = "Some.Other.Role",
            ["Sandbox:ApiClients:2:ClientId"] = SenderId,
            ["Sandbox:ApiClients:2:ClientSecret"] = Secret,
            ["Sandbox:ApiClients:2:Roles:0"] = "Education.Send",
            ["Sandbox:ApiClients:2:Roles:1"] = "Education.Read",
            ["Sandbox:ApiClients:3:ClientId"] = AdminId,
            ["Sandbox:ApiClients:3:ClientSecret"] = Secret,
            ["Sandbox:ApiClients:3:Roles:0"] = "Education.Admin",
            ["Sandbox:Clients:0:ClientId"] = BackendClientId,
            ["Sandbox:Clients:0:Type"] = "ConfidentialAsymmetric",
            ["Sandbox:Clients:0:JwksUrl"] = WebAppFactory.Origin + "/.well-known/jwks.json",
            ["Sandbox:Clients:0:Scopes:0"] = "system/Patient.rs system/Condition.rs system/Observation.rs system/DiagnosticReport.rs system/Communication.c",
            ["BackendServices:ClientId"] = BackendClientId,
            ["BackendServices:KeyId"] = "backend-test-1",
            ["BackendServices:SigningAlgorithm"] = algorithm,
            ["BackendServices:PrivateKey"] = backend is RSA rsa ? rsa.ExportPkcs8PrivateKeyPem() : ((ECDsa)backend).ExportPkcs8PrivateKeyPem(),
            ["Api:Authority"] = WebAppFactory.Issuer,
            ["Api:Audience"] = Audience,
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
    public static ApiHost Create(string algorithm, IDictionary<string, string?>? extra = null) => new(algorithm, extra);

    public WebAppFactory Factory { get; }

    /// <summary>The sandbox's signing key, trusted by the API through the sandbox's metadata.</summary>
    public RSA SandboxKey { get; }

    public HttpClient NewClient() => Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A real token from <c>POST /sandbox/api-token</c>.</summary>
    public async Task<string> TokenAsync(string clientId = ReaderId)
    {
        using var http = NewClient();
        using var response = await http.PostAsync("/sandbox/api-token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = Secret,
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
    /// A token signed like the sandbox signs its API tokens (same key, kid, issuer, audience, azp) with one thing changed:
    /// the refusal tests change exactly what they test.
    /// </summary>
    public string Forge(string? audience = null, string? issuer = null, RSA? key = null, TimeSpan? expiresIn = null, string[]? roles = null,
        string clientId = SenderId)
    {
        var expires = DateTime.UtcNow + (expiresIn ?? TimeSpan.FromMinutes(30));
        var p = SandboxKey.ExportParameters(false);
        var n = Base64UrlEncoder.Encode(p.Modulus!);
        var e = Base64UrlEncoder.Encode(p.Exponent!);
        // The sandbox's kid is the RFC 7638 thumbprint of its public key.
        var kid = Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{{\"e\":\"{e}\",\"kty\":\"RSA\",\"n\":\"{n}\"}}")));
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? WebAppFactory.Issuer,
            Audience = audience ?? Audience,
            IssuedAt = expires - TimeSpan.FromHours(1),
            NotBefore = expires - TimeSpan.FromHours(1),
            Expires = expires,
            Claims = new Dictionary<string, object> { ["sub"] = clientId, ["azp"] = clientId, ["roles"] = roles ?? ["Education.Send", "Education.Read"] },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key ?? SandboxKey) { KeyId = kid }, SecurityAlgorithms.RsaSha256),
        });
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
