namespace MbcFhirEdu.Fhir.Smart;

/// <summary>The client authentication profiles of SMART App Launch 2.2 §4 (capabilities <c>client-public</c>,
/// <c>client-confidential-symmetric</c>, <c>client-confidential-asymmetric</c>).</summary>
public enum SmartClientAuthentication
{
    Public,
    ConfidentialSymmetric,
    ConfidentialAsymmetric,
}
