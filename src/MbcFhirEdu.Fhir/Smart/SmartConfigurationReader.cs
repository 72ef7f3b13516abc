using System.Text.Json;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>Reads the two discovery documents of SMART App Launch 2.2 §6 into <see cref="SmartConfiguration"/>.</summary>
internal static class SmartConfigurationReader
{
    private const string OAuthUris = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";
    private const string CapabilitiesExtension = "http://fhir-registry.smarthealthit.org/StructureDefinition/capabilities";

    public static SmartConfiguration? ReadWellKnown(JsonElement root, Uri issuer)
    {
        if (root.ValueKind != JsonValueKind.Object) return null;
        var authorize = UriProperty(root, "authorization_endpoint");
        var token = UriProperty(root, "token_endpoint");
        if (authorize is null || token is null) return null;
        return new SmartConfiguration
        {
            Issuer = issuer,
            AuthorizationEndpoint = authorize,
            TokenEndpoint = token,
            JwksUri = UriProperty(root, "jwks_uri"),
            OpenIdIssuer = StringProperty(root, "issuer"),
            Capabilities = StringArray(root, "capabilities").ToHashSet(StringComparer.Ordinal),
            ScopesSupported = StringArray(root, "scopes_supported"),
            CodeChallengeMethodsSupported = StringArray(root, "code_challenge_methods_supported"),
            TokenEndpointAuthMethodsSupported = StringArray(root, "token_endpoint_auth_methods_supported"),
            Source = SmartConfigurationSource.WellKnown,
        };
    }

    /// <summary>CapabilityStatement.rest[mode=server].security.extension[oauth-uris] (the pre-2.0 discovery).</summary>
    public static SmartConfiguration? ReadCapabilityStatement(JsonElement root, Uri issuer)
    {
        if (root.ValueKind != JsonValueKind.Object || StringProperty(root, "resourceType") != "CapabilityStatement") return null;
        if (!root.TryGetProperty("rest", out var rest) || rest.ValueKind != JsonValueKind.Array) return null;
        foreach (var entry in rest.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || StringProperty(entry, "mode") is not (null or "server")) continue;
            if (!entry.TryGetProperty("security", out var security) || security.ValueKind != JsonValueKind.Object) continue;
            Uri? authorize = null, token = null;
            var capabilities = new HashSet<string>(StringComparer.Ordinal);
            foreach (var ext in Extensions(security))
            {
                var url = StringProperty(ext, "url");
                if (url == CapabilitiesExtension && StringProperty(ext, "valueCode") is { } code) capabilities.Add(code);
                if (url != OAuthUris) continue;
                foreach (var inner in Extensions(ext))
                {
                    var value = StringProperty(inner, "valueUri") ?? StringProperty(inner, "valueUrl");
                    if (value is null || !Uri.TryCreate(value, UriKind.Absolute, out var uri)) continue;
                    if (StringProperty(inner, "url") == "authorize") authorize = uri;
                    else if (StringProperty(inner, "url") == "token") token = uri;
                }
            }
            if (authorize is null || token is null) continue;
            return new SmartConfiguration
            {
                Issuer = issuer,
                AuthorizationEndpoint = authorize,
                TokenEndpoint = token,
                Capabilities = capabilities,
                Source = SmartConfigurationSource.CapabilityStatement,
            };
        }
        return null;
    }

    private static IEnumerable<JsonElement> Extensions(JsonElement element) =>
        element.TryGetProperty("extension", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object)
            : [];

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Uri? UriProperty(JsonElement element, string name) =>
        StringProperty(element, name) is { } text && Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;

    private static IReadOnlyList<string> StringArray(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray()
            : [];
}
