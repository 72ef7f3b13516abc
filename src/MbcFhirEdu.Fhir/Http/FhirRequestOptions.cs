namespace MbcFhirEdu.Fhir.Http;

/// <summary>Per-request settings the clients hand to <see cref="FhirResilienceHandler"/>.</summary>
internal static class FhirRequestOptions
{
    /// <summary>The FHIR base a request belongs to: the circuit breaker is kept per base.</summary>
    public static readonly HttpRequestOptionsKey<string> PipelineKey = new("MbcFhirEdu.Fhir.PipelineKey");

    /// <summary>Set on a non-idempotent request that is still safe to resend (a conditional create).</summary>
    public static readonly HttpRequestOptionsKey<bool> RetrySafeKey = new("MbcFhirEdu.Fhir.RetrySafe");

    /// <summary>Names of the HttpClients registered by <c>AddSmartOnFhir</c>.</summary>
    public const string SmartClientName = "MbcFhirEdu.Smart";
}
