namespace MbcFhirEdu.Web.Features.Console;

/// <summary>
/// The console's own settings (section <c>Console</c>); its sign-in is Identity.Web's <c>Entra:Console</c> section.
/// The console reads and writes one EHR, <see cref="FhirBase"/>, with SMART Backend Services.
/// </summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "Console";

    /// <summary>The EHR's FHIR base (must be one of <c>Smart:AllowedIssuers</c>). Unset: <c>Api:FhirBase</c>.</summary>
    public string? FhirBase { get; set; }

    /// <summary>
    /// The Communication's sender for console sends: a Practitioner, PractitionerRole or Organization reference that
    /// stands for the coordination team (an Entra account has no FHIR resource of its own). Unset: <c>Api:DeliverySender</c>.
    /// </summary>
    public string? DeliverySender { get; set; }
}
