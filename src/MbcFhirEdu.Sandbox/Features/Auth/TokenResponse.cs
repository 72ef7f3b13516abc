using System.Text.Json.Serialization;

namespace MbcFhirEdu.Sandbox.Features.Auth;

/// <summary>The token endpoint's success body (RFC 6749 §5.1 plus SMART launch context parameters).</summary>
internal sealed record TokenResponse
{
    [JsonPropertyName("access_token")] public required string AccessToken { get; init; }
    [JsonPropertyName("token_type")] public string TokenType { get; init; } = "Bearer";
    [JsonPropertyName("expires_in")] public required int ExpiresIn { get; init; }
    [JsonPropertyName("scope")] public required string Scope { get; init; }
    [JsonPropertyName("refresh_token")] public string? RefreshToken { get; init; }
    [JsonPropertyName("id_token")] public string? IdToken { get; init; }
    [JsonPropertyName("patient")] public string? Patient { get; init; }
    [JsonPropertyName("need_patient_banner")] public bool? NeedPatientBanner { get; init; }
    [JsonPropertyName("smart_style_url")] public string? SmartStyleUrl { get; init; }
    [JsonPropertyName("intent")] public string? Intent { get; init; }
}

/// <summary>RFC 6749 §5.2 error body.</summary>
internal sealed record OAuthError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string Description);
