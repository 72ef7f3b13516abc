using MbcFhirEdu.Sandbox.Features.Auth;

namespace MbcFhirEdu.Sandbox.Features.Fhir;

/// <summary>The validated bearer token of a FHIR request.</summary>
/// <param name="PatientId">The token's <c>patient</c> launch context.</param>
/// <param name="FhirUser">Relative reference of the user, e.g. <c>Patient/x</c>; null for backend services.</param>
internal sealed record FhirAccess(string ClientId, IReadOnlyList<ResourceScope> Scopes, string? PatientId, string? FhirUser)
{
    /// <summary>A patient signed in as themselves: their <c>user/</c> scopes still reach only their own record.</summary>
    public string? UserPatientId => FhirUser is { } user && user.StartsWith("Patient/", StringComparison.Ordinal) ? user["Patient/".Length..] : null;
}
