namespace MbcFhirEdu.Fhir.Smart;

/// <summary>Where the SMART configuration came from.</summary>
public enum SmartConfigurationSource { WellKnown, CapabilityStatement }

/// <summary>
/// A FHIR server's SMART configuration: SMART App Launch 2.2 §6 "Conformance" (.well-known/smart-configuration) or,
/// from older servers, the CapabilityStatement <c>oauth-uris</c> extension.
/// </summary>
public sealed record SmartConfiguration
{
    /// <summary>The FHIR base (normalised <c>iss</c>) this configuration belongs to.</summary>
    public required Uri Issuer { get; init; }
    public required Uri AuthorizationEndpoint { get; init; }
    public required Uri TokenEndpoint { get; init; }
    public Uri? JwksUri { get; init; }
    /// <summary>The OpenID Connect <c>issuer</c>, when the server advertises one (the id_token's <c>iss</c>).</summary>
    public string? OpenIdIssuer { get; init; }
    public IReadOnlySet<string> Capabilities { get; init; } = new HashSet<string>();
    public IReadOnlyList<string> ScopesSupported { get; init; } = [];
    public IReadOnlyList<string> CodeChallengeMethodsSupported { get; init; } = [];
    public IReadOnlyList<string> TokenEndpointAuthMethodsSupported { get; init; } = [];
    public SmartConfigurationSource Source { get; init; }

    /// <summary>The server understands v2 scopes (<c>.rs</c>, §2.2 "Scopes for requesting clinical data").</summary>
    public bool SupportsPermissionV2 => Capabilities.Contains("permission-v2");

    /// <summary>False only when the server lists its PKCE methods and S256 is not among them.</summary>
    public bool AllowsPkceS256 => CodeChallengeMethodsSupported.Count == 0 || CodeChallengeMethodsSupported.Contains("S256");
}
