namespace MbcFhirEdu.Web.Infrastructure;

/// <summary>Whether the sandbox EHR is hosted under <c>/sandbox/</c>: in Development, or when <c>Sandbox:Enabled</c> is true.</summary>
public sealed record SandboxHosting(bool Enabled)
{
    public static IServiceCollection AddSandboxWhenEnabled(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var enabled = configuration.GetValue<bool?>("Sandbox:Enabled") ?? environment.IsDevelopment();
        services.AddSingleton(new SandboxHosting(enabled));
        if (enabled) services.AddSandboxEhr(configuration);
        return services;
    }
}

internal static class SandboxHostingExtensions
{
    public static IServiceCollection AddSandboxWhenEnabled(this WebApplicationBuilder builder) =>
        SandboxHosting.AddSandboxWhenEnabled(builder.Services, builder.Configuration, builder.Environment);

    public static void MapSandboxWhenEnabled(this WebApplication app)
    {
        if (app.Services.GetRequiredService<SandboxHosting>().Enabled) app.MapSandboxEhr(SecurityHeaders.SandboxPrefix);
    }
}
