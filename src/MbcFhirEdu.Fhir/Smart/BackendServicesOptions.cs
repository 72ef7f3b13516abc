using MbcFhirEdu.Fhir.Configuration;
using System.ComponentModel.DataAnnotations;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>
/// This app's SMART Backend Services registration (bound from <c>BackendServices</c>): the client_id the EHR assigned,
/// the private key that signs <c>private_key_jwt</c> assertions (its public half is served at
/// <c>/.well-known/jwks.json</c>) and the system scopes asked for. Unset <see cref="ClientId"/> = not configured.
/// </summary>
public sealed class BackendServicesOptions
{
    public const string SectionName = "BackendServices";

    public string ClientId { get; set; } = "";

    /// <summary>PEM text, private JWK JSON, or the path of a file holding either.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>The <c>kid</c> published in the JWKS and sent in every assertion header.</summary>
    public string? KeyId { get; set; }

    [RegularExpression("^(RS384|ES384)$", ErrorMessage = "BackendServices:SigningAlgorithm must be RS384 or ES384.")]
    public string SigningAlgorithm { get; set; } = "RS384";

    /// <summary>System scopes requested with client_credentials.</summary>
    public List<string> Scopes { get; set; } =
        ["system/Patient.rs", "system/Condition.rs", "system/Observation.rs", "system/DiagnosticReport.rs", "system/Communication.c"];

    /// <summary>A cached token is replaced when it expires within this margin.</summary>
    [TimeSpanRange("00:00:00", "00:10:00")]
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Used when the token response has no <c>expires_in</c>.</summary>
    [TimeSpanRange("00:00:30", "01:00:00")]
    public TimeSpan DefaultTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId);
}
