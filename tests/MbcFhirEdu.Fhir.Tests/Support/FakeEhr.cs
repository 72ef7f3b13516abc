using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Web;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Fhir.Tests.Support;

/// <summary>
/// An in-process SMART EHR for tests: .well-known/smart-configuration, CapabilityStatement, token endpoint (issuing an
/// RS256 id_token), and JWKS, all answered by a <see cref="RecordingHandler"/>. Every knob a test needs is a property.
/// </summary>
public sealed class FakeEhr : IDisposable
{
    public const string Issuer = "https://ehr.example.org/fhir";
    public const string ClientId = "mbc-edu";
    public static readonly Uri AuthorizeEndpoint = new("https://ehr.example.org/auth/authorize");
    public static readonly Uri TokenEndpoint = new("https://ehr.example.org/auth/token");
    public static readonly Uri JwksUri = new("https://ehr.example.org/auth/jwks");

    private readonly TimeProvider _clock;
    private int _tokens;

    public FakeEhr(TimeProvider clock)
    {
        _clock = clock;
        Handler.Respond = RespondAsync;
    }

    public RecordingHandler Handler { get; } = new();
    public RSA SigningKey { get; } = TestKeys.Server();
    public string KeyId { get; set; } = "ehr-key-1";

    public List<string> Capabilities { get; set; } =
        ["launch-ehr", "launch-standalone", "client-public", "client-confidential-symmetric", "client-confidential-asymmetric",
         "context-ehr-patient", "context-standalone-patient", "sso-openid-connect", "permission-v1", "permission-v2", "permission-patient", "permission-user"];
    public bool WellKnownAvailable { get; set; } = true;
    public List<string>? CodeChallengeMethods { get; set; } = ["S256"];
    public string TokenEndpointInDiscovery { get; set; } = TokenEndpoint.AbsoluteUri;

    // What the authorization server grants.
    public string? PatientId { get; set; } = "p1";
    public string? GrantedScope { get; set; }
    public string FhirUser { get; set; } = "Patient/p1";
    public bool IssueRefreshToken { get; set; } = true;
    public Func<Dictionary<string, string>, HttpResponseMessage>? TokenOverride { get; set; }

    // id_token knobs.
    public bool IssueIdToken { get; set; } = true;
    public string? IdTokenNonce { get; set; }
    public string IdTokenAudience { get; set; } = ClientId;
    public TimeSpan IdTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);
    public RSA? IdTokenSigner { get; set; }

    /// <summary>Parameters of the last authorize request the "user" approved.</summary>
    public IReadOnlyDictionary<string, string> LastAuthorize { get; private set; } = new Dictionary<string, string>();

    /// <summary>Plays the user approving the launch at the authorize URL; returns the code.</summary>
    public string Authorize(Uri authorizeUrl)
    {
        var query = HttpUtility.ParseQueryString(authorizeUrl.Query);
        LastAuthorize = query.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => query[k]!);
        return "code-" + Guid.NewGuid().ToString("N");
    }

    public void Dispose()
    {
        SigningKey.Dispose();
        IdTokenSigner?.Dispose();
        Handler.Dispose();
    }

    private async Task<HttpResponseMessage> RespondAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        return path switch
        {
            "/fhir/.well-known/smart-configuration" => WellKnownAvailable ? Responses.Json(WellKnown()) : Responses.Status(HttpStatusCode.NotFound),
            "/fhir/metadata" => Responses.Fhir(CapabilityStatement()),
            "/auth/jwks" => Responses.Json(Jwks()),
            "/auth/token" => Token(await ReadFormAsync(request, cancellationToken)),
            _ => Responses.Status(HttpStatusCode.NotFound),
        };
    }

    private object WellKnown() => new
    {
        issuer = Issuer,
        authorization_endpoint = AuthorizeEndpoint.AbsoluteUri,
        token_endpoint = TokenEndpointInDiscovery,
        jwks_uri = JwksUri.AbsoluteUri,
        capabilities = Capabilities,
        scopes_supported = new[] { "openid", "fhirUser", "launch", "launch/patient", "patient/*.rs", "user/*.rs", "offline_access" },
        code_challenge_methods_supported = CodeChallengeMethods,
        token_endpoint_auth_methods_supported = new[] { "client_secret_basic", "private_key_jwt" },
    };

    private static object CapabilityStatement() => new
    {
        resourceType = "CapabilityStatement",
        status = "active",
        rest = new[]
        {
            new
            {
                mode = "server",
                security = new
                {
                    extension = new object[]
                    {
                        new
                        {
                            url = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris",
                            extension = new[]
                            {
                                new { url = "authorize", valueUri = AuthorizeEndpoint.AbsoluteUri },
                                new { url = "token", valueUri = TokenEndpoint.AbsoluteUri },
                            },
                        },
                    },
                },
            },
        },
    };

    private object Jwks()
    {
        var p = SigningKey.ExportParameters(false);
        return new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = KeyId, n = Base64Url.EncodeToString(p.Modulus), e = Base64Url.EncodeToString(p.Exponent) } } };
    }

    private HttpResponseMessage Token(Dictionary<string, string> form)
    {
        if (TokenOverride is not null) return TokenOverride(form);
        var n = Interlocked.Increment(ref _tokens);
        var scope = GrantedScope ?? (LastAuthorize.TryGetValue("scope", out var asked) ? asked : "launch/patient openid fhirUser patient/*.rs");
        var body = new Dictionary<string, object?>
        {
            ["access_token"] = $"access-{n}",
            ["token_type"] = "Bearer",
            ["expires_in"] = 3600,
            ["scope"] = scope,
            ["need_patient_banner"] = true,
            ["smart_style_url"] = "https://ehr.example.org/smart-style.json",
        };
        if (PatientId is not null) body["patient"] = PatientId;
        if (IssueRefreshToken) body["refresh_token"] = $"refresh-{n}";
        if (IssueIdToken && form.GetValueOrDefault("grant_type") == "authorization_code") body["id_token"] = IdToken();
        return Responses.Json(body);
    }

    private string IdToken()
    {
        var now = _clock.GetUtcNow();
        var key = new RsaSecurityKey(IdTokenSigner ?? SigningKey) { KeyId = KeyId };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = IdTokenAudience,
            IssuedAt = now.UtcDateTime,
            Expires = (now + IdTokenLifetime).UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "user-1",
                ["fhirUser"] = FhirUser,
                ["nonce"] = IdTokenNonce ?? LastAuthorize.GetValueOrDefault("nonce") ?? "",
            },
            // Kept out of IdentityModel's process-wide provider cache: each test disposes its own key instance.
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256) { CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false } },
        });
    }

    private static async Task<Dictionary<string, string>> ReadFormAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var text = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var parsed = HttpUtility.ParseQueryString(text);
        return parsed.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => parsed[k]!);
    }
}
