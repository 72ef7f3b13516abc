using MbcFhirEdu.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Features.Population;

/// <summary>
/// What <c>Population:Schedule</c> leaves unset: on in Development only (when there is a FHIR base); with the sandbox hosted, its FHIR base (under
/// <see cref="AppBaseUrl"/>, like <c>Api:FhirBase</c>) and its generated cohort Group. A value set explicitly wins.
/// </summary>
internal sealed class PopulationScheduleDefaults(AppBaseUrl baseUrl, SandboxHosting sandbox, IHostEnvironment environment)
    : IPostConfigureOptions<PopulationScheduleOptions>
{
    /// <summary>The sandbox's generated cohort (<c>Sandbox:Cohort:Size</c> patients; the sandbox's <c>BulkSource.CohortGroupId</c>).</summary>
    public const string SandboxGroupId = "mbc-cohort";

    public void PostConfigure(string? name, PopulationScheduleOptions options)
    {
        if (sandbox.Enabled && string.IsNullOrWhiteSpace(options.FhirBase) && baseUrl.Under(AppBaseUrlDefaults.SandboxFhirPath) is { } sandboxFhir)
        {
            options.FhirBase = sandboxFhir;
            options.GroupId ??= SandboxGroupId;
        }
        // Development without an EHR to export from (sandbox off, no FhirBase) stays off rather than failing start-up.
        options.Enabled ??= environment.IsDevelopment() && !string.IsNullOrWhiteSpace(options.FhirBase);
    }
}
