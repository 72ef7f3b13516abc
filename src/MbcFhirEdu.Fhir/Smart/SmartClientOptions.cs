using MbcFhirEdu.Fhir.Configuration;
using System.ComponentModel.DataAnnotations;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>
/// Settings of the SMART client and the resilient FHIR client, bound from the <c>Smart</c> configuration section.
/// Client authentication follows SMART App Launch 2.2 §4: set <see cref="PrivateKey"/> (+ <see cref="KeyId"/>) for
/// <c>client-confidential-asymmetric</c>, <see cref="ClientSecret"/> for <c>client-confidential-symmetric</c>,
/// neither for a public client.
/// </summary>
public sealed class SmartClientOptions
{
    public const string SectionName = "Smart";

    /// <summary>The client_id the EHR assigned at registration.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ClientId { get; set; } = "";

    /// <summary>Shared secret for client_secret_basic (SMART App Launch §4.2). Mutually exclusive with <see cref="PrivateKey"/>.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>PEM text, or the path of a PEM file, of the key that signs private_key_jwt assertions (SMART App Launch §4.1).</summary>
    public string? PrivateKey { get; set; }

    /// <summary>The <c>kid</c> of <see cref="PrivateKey"/> as published in the app's JWKS.</summary>
    public string? KeyId { get; set; }

    /// <summary>RS384 or ES384: the two algorithms SMART App Launch §4.1 requires servers to support.</summary>
    [RegularExpression("^(RS384|ES384)$", ErrorMessage = "Smart:SigningAlgorithm must be RS384 or ES384.")]
    public string SigningAlgorithm { get; set; } = "RS384";

    /// <summary>The registered redirect URI (the app's <c>/callback</c>); the web app derives it from <c>Web:PublicBaseUrl</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Smart:RedirectUri is required: set Web:PublicBaseUrl (the redirect URI is then its /callback) or Smart:RedirectUri."), Url]
    public string RedirectUri { get; set; } = "";

    /// <summary>FHIR base URLs (<c>iss</c> values) the app may talk to; compared exactly after normalisation.</summary>
    [MinLength(1, ErrorMessage = "Smart:AllowedIssuers needs at least one FHIR base URL.")]
    public List<string> AllowedIssuers { get; set; } = [];

    /// <summary>
    /// Extra origins (scheme://host:port) where an allowed issuer's authorization server may live when it is not on
    /// the FHIR server's own origin (some EHRs split the two). Never accepted as an <c>iss</c>.
    /// </summary>
    public List<string> AuthorizationServerOrigins { get; set; } = [];

    /// <summary>Scopes added to every authorization request, e.g. <c>offline_access</c>.</summary>
    public List<string> Scopes { get; set; } = [];

    [TimeSpanRange("00:00:30", "01:00:00")]
    public TimeSpan StateLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a server-side token session lives at most (absolute, from its login), whatever the access token's own lifetime.</summary>
    [TimeSpanRange("00:05:00", "7.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long a launch's session lives unused; each page view slides it (never past <see cref="SessionLifetime"/>).</summary>
    [TimeSpanRange("00:01:00", "1.00:00:00")]
    public TimeSpan SessionIdleLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Most live launches one browser keeps; a further launch ends the oldest.</summary>
    [Range(1, 100)]
    public int MaxSessionsPerBrowser { get; set; } = 5;

    [TimeSpanRange("00:00:00", "01:00:00")]
    public TimeSpan DiscoveryCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Refresh the access token when it expires within this margin.</summary>
    [TimeSpanRange("00:00:00", "00:10:00")]
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Allowed clock difference when checking id_token <c>exp</c>/<c>iat</c>.</summary>
    [TimeSpanRange("00:00:00", "00:05:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Overall deadline for loading one patient's record for a page.</summary>
    [TimeSpanRange("00:00:01", "00:02:00")]
    public TimeSpan PageLoadDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Overall limit for one SMART call (discovery document, token request, JWKS), body included: the per-try timeout
    /// ends when response headers arrive, this one covers a body that trickles in.
    /// </summary>
    [TimeSpanRange("00:00:01", "00:02:00")]
    public TimeSpan SmartCallDeadline { get; set; } = TimeSpan.FromSeconds(10);

    [TimeSpanRange("00:00:00.010", "00:01:00")]
    public TimeSpan PerTryTimeout { get; set; } = TimeSpan.FromSeconds(4);

    [Range(0, 6)]
    public int RetryCount { get; set; } = 2;

    /// <summary>First retry delay; later ones grow exponentially with jitter.</summary>
    [TimeSpanRange("00:00:00.001", "00:00:10")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait a server's Retry-After can impose before one retry.</summary>
    [TimeSpanRange("00:00:00", "00:01:00")]
    public TimeSpan RetryAfterCap { get; set; } = TimeSpan.FromSeconds(3);

    [Range(0.01, 1.0)]
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    [Range(2, 10_000)]
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    [TimeSpanRange("00:00:00.500", "00:10:00")]
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    [TimeSpanRange("00:00:00.500", "00:10:00")]
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Most Bundle pages one search follows.</summary>
    [Range(1, 1000)]
    public int MaxPages { get; set; } = 20;

    /// <summary>The <c>_count</c> sent with every search.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 100;

    /// <summary>Largest body read from one response; reading stops beyond it.</summary>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxResponseBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>Largest total of bodies read for one patient load.</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxLoadBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Which SMART §4 client authentication these settings select.</summary>
    public SmartClientAuthentication Authentication =>
        !string.IsNullOrWhiteSpace(PrivateKey) ? SmartClientAuthentication.ConfidentialAsymmetric
        : !string.IsNullOrEmpty(ClientSecret) ? SmartClientAuthentication.ConfidentialSymmetric
        : SmartClientAuthentication.Public;
}
