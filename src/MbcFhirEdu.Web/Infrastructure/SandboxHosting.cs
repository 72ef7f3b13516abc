namespace MbcFhirEdu.Web.Infrastructure;

/// <summary>
/// Whether the sandbox EHR is hosted under <c>/sandbox/</c>: in Development, or when <c>Sandbox:Enabled</c> is true.
/// Decided from the built app's configuration, so every configuration source (tests included) is seen.
/// </summary>
public sealed record SandboxHosting(bool Enabled)
{
    public static SandboxHosting From(IConfiguration configuration, IHostEnvironment environment) =>
        new(configuration.GetValue<bool?>("Sandbox:Enabled") ?? environment.IsDevelopment());
}

internal static class SandboxHostingExtensions
{
    /// <summary>Registers the sandbox's services (singletons, created only when its endpoints are used).</summary>
    public static IServiceCollection AddSandboxWhenEnabled(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => SandboxHosting.From(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>()));
        return builder.Services.AddSandboxEhr(builder.Configuration);
    }

    public static void MapSandboxWhenEnabled(this WebApplication app)
    {
        if (app.Services.GetRequiredService<SandboxHosting>().Enabled) app.MapSandboxEhr(SecurityHeaders.SandboxPrefix);
    }
}
