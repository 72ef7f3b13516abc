using MbcFhirEdu.Sandbox;
using MbcFhirEdu.Sandbox.Features.Auth;
using MbcFhirEdu.Sandbox.Features.Bulk;
using MbcFhirEdu.Sandbox.Features.Cohort;
using MbcFhirEdu.Sandbox.Features.Entra;
using MbcFhirEdu.Sandbox.Features.Faults;
using MbcFhirEdu.Sandbox.Features.Fhir;
using MbcFhirEdu.Sandbox.Features.Launch;
using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the sandbox EHR under a path prefix; every URL it emits is built from the request's scheme and
/// host plus that prefix.</summary>
public static class SandboxEndpointRouteBuilderExtensions
{
    /// <summary>Maps <c>{prefix}/</c> (patient list), <c>{prefix}/launch-ehr</c>, <c>{prefix}/launch-portal</c>,
    /// <c>{prefix}/auth/*</c>, <c>{prefix}/fhir/*</c> (with Bulk Data <c>$export</c>), <c>{prefix}/_cohort</c>,
    /// <c>{prefix}/entra/*</c> and <c>{prefix}/smart-style.json</c>.</summary>
    public static RouteGroupBuilder MapSandboxEhr(this IEndpointRouteBuilder endpoints, string prefix = "/sandbox")
    {
        var normalized = "/" + prefix.Trim().Trim('/');
        if (normalized == "/") normalized = "";
        var group = endpoints.MapGroup(normalized)
            .WithMetadata(new SandboxPrefix(normalized))
            .WithTags("Sandbox EHR")
            .ExcludeFromDescription()
            // The sandbox does its own OAuth; a host's fallback authorization policy must not apply to it.
            .AllowAnonymous();

        group.MapLaunchEndpoints();
        group.MapAuthEndpoints();
        group.MapFhirEndpoints();
        group.MapBulkEndpoints();
        group.MapCohortEndpoints();
        group.MapEntraEndpoints();
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<SandboxOptions>>().Value.EnableFaultInjection)
        {
            group.MapFaultEndpoints();
            endpoints.ServiceProvider.GetRequiredService<ILogger<SandboxFaults>>().FaultEndpointEnabled(normalized + "/_sandbox/faults");
        }
        return group;
    }
}
