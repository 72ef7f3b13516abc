namespace MbcFhirEdu.Fhir.Smart;

/// <summary>
/// A completed launch: tokens and launch context (SMART App Launch 2.2 §2.1 "Obtain access token" response and §2.2
/// "Launch context arrives with your access_token"). Kept only on the server, keyed by an opaque session id; the
/// browser holds nothing but that id.
/// </summary>
public sealed record SmartSession
{
    /// <summary>The FHIR base (normalised <c>iss</c>) every FHIR call of this session goes to.</summary>
    public required Uri Issuer { get; init; }
    public required Uri TokenEndpoint { get; init; }
    public required SmartLaunchMode Mode { get; init; }
    public required string AccessToken { get; init; }
    public required DateTimeOffset AccessTokenExpiresAt { get; init; }
    public string? RefreshToken { get; init; }
    public required IReadOnlyList<string> GrantedScopes { get; init; }
    /// <summary>The patient in context, from the token response only (never from a query string).</summary>
    public string? PatientId { get; init; }
    public string? EncounterId { get; init; }
    /// <summary>The signed-in user (<c>fhirUser</c> of the validated id_token), e.g. <c>Practitioner/123</c>.</summary>
    public string? FhirUser { get; init; }
    public bool NeedPatientBanner { get; init; }
    public string? SmartStyleUrl { get; init; }
    /// <summary>Plain-language notes on access the EHR did not grant; the page shows them, the load goes on.</summary>
    public IReadOnlyList<string> DegradedScopes { get; init; } = [];
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>True when <see cref="FhirUser"/> names a Practitioner or PractitionerRole (the clinician view).</summary>
    public bool IsPractitioner =>
        FhirUser is { } user && (user.Contains("Practitioner/", StringComparison.Ordinal) || user.Contains("PractitionerRole/", StringComparison.Ordinal));

    // Records print every member; tokens and the patient id must never reach a log through ToString.
    public override string ToString() => $"SmartSession {{ Issuer = {Issuer}, Mode = {Mode}, Scopes = {GrantedScopes.Count} }}";
}
