namespace MbcFhirEdu.Sandbox.Features.Auth;

/// <summary>What the user approved at the authorize step; carried by a code and then by its refresh tokens.</summary>
/// <param name="FhirUser">Relative reference of the user (<c>Patient/x</c> or <c>Practitioner/y</c>).</param>
/// <param name="FamilyId">Shared by the code and every refresh token derived from it, so reuse can revoke them all.</param>
internal sealed record AuthorizationGrant(
    string ClientId,
    IReadOnlyList<string> Scopes,
    string? PatientId,
    string FhirUser,
    bool NeedPatientBanner,
    string SmartStyleUrl,
    string? Intent,
    string? Nonce,
    string FamilyId)
{
    public bool Has(string scope) => Scopes.Contains(scope, StringComparer.Ordinal);
}
