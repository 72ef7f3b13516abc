namespace MbcFhirEdu.Web.Infrastructure.Warmup;

internal static class WarmupRegistration
{
    /// <summary>
    /// The start-up warm-up (<see cref="WarmupService"/>). Register after persistence, whose hosted service migrates
    /// the database: hosted services start in registration order, all before the server listens.
    /// </summary>
    public static IServiceCollection AddWarmup(this IServiceCollection services) => services.AddHostedService<WarmupService>();
}
