namespace MbcFhirEdu.Sandbox.Features.Launch;

/// <summary>What an EHR or portal launch hands to the app through the token response
/// (SMART App Launch 2.2 §"Launch context arrives with your access_token").</summary>
/// <param name="FhirUser">Relative reference of the signed-in user, e.g. <c>Practitioner/onc-halloway</c>.</param>
internal sealed record LaunchContext(string? PatientId, string FhirUser, bool NeedPatientBanner, string? Intent, string SmartStyleUrl);
