using System.Text.Json.Serialization;
using MbcFhirEdu.Sandbox.Infrastructure;

namespace MbcFhirEdu.Sandbox.Features.Auth;

/// <summary>SMART App Launch 2.2 §"Conformance": the <c>.well-known/smart-configuration</c> document.</summary>
internal sealed record SmartConfiguration
{
    public static readonly IReadOnlyList<string> Capabilities =
    [
        "launch-ehr", "launch-standalone", "authorize-get", "client-public", "client-confidential-symmetric",
        "client-confidential-asymmetric", "context-passthrough-banner", "context-passthrough-style",
        "context-ehr-patient", "context-standalone-patient", "permission-v1", "permission-v2", "permission-patient",
        "permission-user", "permission-offline", "permission-online", "sso-openid-connect",
    ];

    [JsonPropertyName("issuer")] public required string Issuer { get; init; }
    [JsonPropertyName("jwks_uri")] public required string JwksUri { get; init; }
    [JsonPropertyName("authorization_endpoint")] public required string AuthorizationEndpoint { get; init; }
    [JsonPropertyName("token_endpoint")] public required string TokenEndpoint { get; init; }
    [JsonPropertyName("grant_types_supported")] public string[] GrantTypes { get; init; } = ["authorization_code", "refresh_token", "client_credentials"];
    [JsonPropertyName("token_endpoint_auth_methods_supported")] public string[] AuthMethods { get; init; } = ["none", "client_secret_basic", "private_key_jwt"];
    [JsonPropertyName("token_endpoint_auth_signing_alg_values_supported")] public string[] AuthSigningAlgorithms { get; init; } = ["RS384", "ES384", "RS256", "ES256"];
    [JsonPropertyName("scopes_supported")] public string[] Scopes { get; init; } =
    [
        "openid", "fhirUser", "profile", "launch", "launch/patient", "offline_access", "online_access",
        "patient/*.rs", "patient/*.read", "user/*.rs", "user/*.read", "system/*.rs", "system/*.read",
        "patient/Patient.rs", "patient/Condition.rs", "patient/Observation.rs", "patient/DiagnosticReport.rs",
        "patient/Communication.c", "user/Communication.c", "system/Communication.c", "user/Practitioner.rs",
    ];
    [JsonPropertyName("response_types_supported")] public string[] ResponseTypes { get; init; } = ["code"];
    [JsonPropertyName("code_challenge_methods_supported")] public string[] CodeChallengeMethods { get; init; } = ["S256"];
    [JsonPropertyName("capabilities")] public IReadOnlyList<string> CapabilityList { get; init; } = Capabilities;

    // OpenID Connect Discovery fields, so the same document serves openid-configuration.
    [JsonPropertyName("subject_types_supported")] public string[] SubjectTypes { get; init; } = ["public"];
    [JsonPropertyName("id_token_signing_alg_values_supported")] public string[] IdTokenAlgorithms { get; init; } = ["RS256"];
    [JsonPropertyName("claims_supported")] public string[] Claims { get; init; } = ["iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "fhirUser"];

    public static SmartConfiguration For(SandboxUrls urls) => new()
    {
        Issuer = urls.Issuer,
        JwksUri = urls.Jwks,
        AuthorizationEndpoint = urls.Authorize,
        TokenEndpoint = urls.Token,
    };
}
