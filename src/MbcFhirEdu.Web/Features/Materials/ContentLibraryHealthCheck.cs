using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MbcFhirEdu.Web.Features.Materials;

/// <summary>Readiness: the content library loaded (it loads on first use; a missing or empty library is Unhealthy).</summary>
internal sealed class ContentLibraryHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var library = services.GetRequiredService<MaterialLibrary>();
            return Task.FromResult(HealthCheckResult.Healthy($"{library.Catalog.Ids.Count} materials loaded"));
        }
        catch (InvalidOperationException e)
        {
            // MaterialLibrary's own messages name the folder and the setting; no stack trace is returned.
            return Task.FromResult(HealthCheckResult.Unhealthy(e.Message));
        }
    }
}
