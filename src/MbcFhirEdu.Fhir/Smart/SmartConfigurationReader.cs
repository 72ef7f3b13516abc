using System.Text.Json;
using Hl7.Fhir.Model;
using MbcFhirEdu.Fhir.Http;

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

    /// <summary>
    /// CapabilityStatement.rest[mode=server].security.extension[oauth-uris] (the pre-2.0 discovery), read with Firely's
    /// POCO: the first server <c>rest</c> entry that names both endpoints wins.
    /// </summary>
    public static SmartConfiguration? ReadCapabilityStatement(JsonElement root, Uri issuer)
    {
        if (FhirPocoJson.Read<CapabilityStatement>(root) is not { } statement) return null;
        foreach (var rest in statement.Rest)
        {
            // An unreadable mode (null) is given the benefit of the doubt: most servers publish one server entry.
            if (rest.Mode is not (null or CapabilityStatement.RestfulCapabilityMode.Server) || rest.Security is not { } security) continue;
            var oauth = security.GetExtensions(OAuthUris).SelectMany(e => e.Extension).ToList();
            if (EndpointOf(oauth, "authorize") is not { } authorize || EndpointOf(oauth, "token") is not { } token) continue;
            return new SmartConfiguration
            {
                Issuer = issuer,
                AuthorizationEndpoint = authorize,
                TokenEndpoint = token,
                Capabilities = security.GetExtensions(CapabilitiesExtension)
                    .Select(e => (e.Value as Code)?.Value).OfType<string>().ToHashSet(StringComparer.Ordinal),
                Source = SmartConfigurationSource.CapabilityStatement,
            };
        }
        return null;
    }

    // The extension's value is a uri, or a url in servers that follow the later registration.
    private static Uri? EndpointOf(IEnumerable<Extension> oauth, string name) =>
        oauth.Where(e => e.Url == name)
            .Select(e => e.Value switch { FhirUri uri => uri.Value, FhirUrl url => url.Value, _ => null })
            .Select(text => Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null)
            .LastOrDefault(uri => uri is not null);

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Uri? UriProperty(JsonElement element, string name) =>
        StringProperty(element, name) is { } text && Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;

    private static IReadOnlyList<string> StringArray(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray()
            : [];
}
