namespace MbcFhirEdu.Fhir.Http;

/// <summary>Per-request settings the clients hand to the resilience pipeline (<see cref="FhirResilience"/>).</summary>
internal static class FhirRequestOptions
{
    /// <summary>
    /// The breaker scope a request belongs to: the FHIR base for FHIR calls, the issuer for SMART calls (each client
    /// keeps its own pipelines, so the same issuer's FHIR and SMART breakers are still two).
    /// </summary>
    public static readonly HttpRequestOptionsKey<string> BreakerScope = new("MbcFhirEdu.Fhir.BreakerScope");

    /// <summary>Set on a non-idempotent request that is still safe to resend (a conditional create).</summary>
    public static readonly HttpRequestOptionsKey<bool> RetrySafeKey = new("MbcFhirEdu.Fhir.RetrySafe");

    /// <summary>The SMART client (discovery, token endpoint, JWKS), registered by <c>AddSmartOnFhir</c>.</summary>
    public const string SmartClientName = "MbcFhirEdu.Smart";

    /// <summary>The typed <see cref="FhirRestClient"/>'s HttpClient, registered by <c>AddSmartOnFhir</c>.</summary>
    public const string FhirClientName = "MbcFhirEdu.Fhir";
}
