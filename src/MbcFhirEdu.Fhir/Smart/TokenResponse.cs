using System.Text.Json;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>The token endpoint's answer (SMART App Launch 2.2 §2.1 "Obtain access token", "Refresh access token").</summary>
public sealed record TokenResponse
{
    public required string AccessToken { get; init; }
    public required string TokenType { get; init; }
    public int? ExpiresIn { get; init; }
    public string? Scope { get; init; }
    public string? RefreshToken { get; init; }
    public string? IdToken { get; init; }
    public string? Patient { get; init; }
    public string? Encounter { get; init; }
    public bool? NeedPatientBanner { get; init; }
    public string? SmartStyleUrl { get; init; }

    public override string ToString() => $"TokenResponse {{ TokenType = {TokenType}, ExpiresIn = {ExpiresIn} }}";

    /// <summary>Null when the body lacks access_token or token_type.</summary>
    internal static TokenResponse? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return null;
        var access = String(root, "access_token");
        var type = String(root, "token_type");
        if (string.IsNullOrEmpty(access) || string.IsNullOrEmpty(type)) return null;
        return new TokenResponse
        {
            AccessToken = access,
            TokenType = type,
            ExpiresIn = root.TryGetProperty("expires_in", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var s) ? s
                : int.TryParse(String(root, "expires_in"), out var parsed) ? parsed : null,
            Scope = String(root, "scope"),
            RefreshToken = String(root, "refresh_token"),
            IdToken = String(root, "id_token"),
            Patient = String(root, "patient"),
            Encounter = String(root, "encounter"),
            NeedPatientBanner = root.TryGetProperty("need_patient_banner", out var b) && b.ValueKind is JsonValueKind.True or JsonValueKind.False ? b.GetBoolean() : null,
            SmartStyleUrl = String(root, "smart_style_url"),
        };
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
