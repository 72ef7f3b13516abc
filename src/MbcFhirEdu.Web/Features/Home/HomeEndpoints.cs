using MbcFhirEdu.Web.Components;
using MbcFhirEdu.Web.Features.Launch;
using MbcFhirEdu.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MbcFhirEdu.Web.Features.Home;

/// <summary><c>/</c>: the sandbox's patients with a portal and a chart launch each (when the sandbox is hosted); <c>/health/live</c>.</summary>
internal static class HomeEndpoints
{
    public const string SandboxPractitioner = "onc-halloway";
    public const string SandboxCoordinator = "coord-brightwater";

    public static IServiceCollection AddHome(this IServiceCollection services)
    {
        services.AddSingleton<SandboxPatientIndex>();
        return services;
    }

    public static IEndpointRouteBuilder MapHome(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", Home);
        // Liveness only: no dependency is called, so it is also the trivial baseline for load measurements.
        app.MapGet("/health/live", () => TypedResults.Text("OK", "text/plain"));
        return app;
    }

    private static RazorComponentResult<HomePage> Home(HttpContext context, SandboxHosting sandbox, SandboxPatientIndex index)
    {
        var origin = PublicUrls.Base(context) + context.Request.PathBase;
        var launch = origin + "/launch";
        var patients = sandbox.Enabled
            ? index.Patients.Select(p => new HomePage.Row(
                p.Name, p.Description,
                $"{origin}{SecurityHeaders.SandboxPrefix}/launch-portal?patient={Uri.EscapeDataString(p.Id)}&app={Uri.EscapeDataString(launch)}",
                $"{origin}{SecurityHeaders.SandboxPrefix}/launch-ehr?patient={Uri.EscapeDataString(p.Id)}&practitioner={SandboxPractitioner}&app={Uri.EscapeDataString(launch)}",
                p.Id,
                $"{origin}{SecurityHeaders.SandboxPrefix}/launch-ehr?patient={Uri.EscapeDataString(p.Id)}&practitioner={SandboxCoordinator}&app={Uri.EscapeDataString(origin + LaunchEndpoints.CoordinatorLaunchPath)}"))
                .ToList()
            : [];
        return Pages.Render<HomePage>(new Dictionary<string, object?> { ["Rows"] = patients, ["SandboxEnabled"] = sandbox.Enabled });
    }
}
