namespace MbcFhirEdu.Fhir.Smart;

/// <summary>How the app was started (SMART App Launch 2.2 §2.1 "Launch App: EHR Launch" / "Standalone Launch").</summary>
public enum SmartLaunchMode
{
    /// <summary>Launched from an EHR or portal with <c>iss</c> + <c>launch</c>; asks for the <c>launch</c> scope.</summary>
    EhrLaunch,

    /// <summary>Started by a patient outside the EHR; asks for <c>launch/patient</c> and patient-level scopes.</summary>
    StandalonePatient,

    /// <summary>Started by a clinician outside the EHR; asks for <c>launch/patient</c> and user-level scopes.</summary>
    StandalonePractitioner,

    /// <summary>
    /// A care coordinator opens the workspace from the chart (<c>iss</c> + <c>launch</c>): user-level read scopes plus
    /// <c>user/Communication.cru</c> to record what was sent.
    /// </summary>
    CoordinatorEhrLaunch,
}
