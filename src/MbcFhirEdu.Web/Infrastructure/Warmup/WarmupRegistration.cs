namespace MbcFhirEdu.Web.Infrastructure.Warmup;

internal static class WarmupRegistration
{
    /// <summary>
    /// The start-up warm-up (<see cref="WarmupService"/>; <c>Warmup:Enabled</c>). Register after persistence, whose hosted
    /// service migrates the database: hosted services start in registration order, all before the server listens.
    /// </summary>
    public static IServiceCollection AddWarmup(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WarmupOptions>().Bind(configuration.GetSection(WarmupOptions.SectionName));
        return services.AddHostedService<WarmupService>();
    }
}
