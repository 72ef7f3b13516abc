using System.ComponentModel.DataAnnotations;
using MbcFhirEdu.Fhir.Configuration;
using MbcFhirEdu.Fhir.Smart;

namespace MbcFhirEdu.Web.Features.Population;

/// <summary>
/// The web app's scheduled population run (configuration section <c>Population:Schedule</c>, docs/population.md
/// "Scheduled runs"). Off by default outside Development; in Development it exports the hosted sandbox's cohort Group.
/// </summary>
public sealed class PopulationScheduleOptions : IValidatableObject
{
    public const string SectionName = "Population:Schedule";

    /// <summary>Run on a schedule in this process. Unset: on in Development, off otherwise.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Time between the starts of two runs; a run longer than this delays the next one, never doubles it.</summary>
    [TimeSpanRange("00:00:01", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Wait after start-up before the first run, so a deploy is ready (and warm) before it exports.</summary>
    [TimeSpanRange("00:00:00", "1.00:00:00")]
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest one run may take; past it the run is cancelled (it resumes on the next interval).</summary>
    [TimeSpanRange("00:00:01", "7.00:00:00")]
    public TimeSpan RunTimeout { get; set; } = TimeSpan.FromHours(4);

    /// <summary>The EHR's FHIR base to export from; one of <c>Smart:AllowedIssuers</c>. Unset with the sandbox hosted: its FHIR base.</summary>
    public string? FhirBase { get; set; }

    /// <summary>The Group to export (<c>Group/[id]/$export</c>); unset exports every patient (<c>Patient/$export</c>), except
    /// with the sandbox hosted, where it defaults to the sandbox's cohort Group.</summary>
    public string? GroupId { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FhirBase is not null && !IssuerAllowList.TryNormalize(FhirBase, out _))
            yield return new ValidationResult("Population:Schedule:FhirBase must be an absolute https URL (http only on localhost) without query or fragment.", [nameof(FhirBase)]);
        if (GroupId is not null && !Api.ApiEndpoints.IsFhirId(GroupId))
            yield return new ValidationResult("Population:Schedule:GroupId must be a FHIR id (1-64 of A-Z, a-z, 0-9, '-' and '.').", [nameof(GroupId)]);
        if (Enabled == true && string.IsNullOrWhiteSpace(FhirBase))
            yield return new ValidationResult("Population:Schedule:FhirBase is required when Population:Schedule:Enabled is true.", [nameof(FhirBase)]);
    }
}
