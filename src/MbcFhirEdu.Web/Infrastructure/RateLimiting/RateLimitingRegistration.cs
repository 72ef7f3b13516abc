using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Infrastructure.RateLimiting;

/// <summary>
/// ASP.NET Core's rate limiter for the routes an outsider can call in bulk (issue 15), in one place: limits from
/// <see cref="RateLimitOptions"/>, partitions from <see cref="RateLimitPartitions"/>. Placed after authorization so the
/// API's partition is the authenticated client.
/// </summary>
internal static class RateLimitingRegistration
{
    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RateLimitPartitions>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<RateLimitPartitions>((limiter, partitions) =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = partitions.Limiter.WithTranslatedKey<HttpContext>(partitions.KeyFor, leaveOpen: true);
            limiter.OnRejected = (rejected, _) =>
            {
                var context = rejected.HttpContext;
                return new ValueTask(partitions.Rejected(context, partitions.KeyFor(context), rejected.Lease).ExecuteAsync(context));
            };
        });
        return services;
    }

    public static IApplicationBuilder UseRateLimits(this IApplicationBuilder app) => app.UseRateLimiter();
}
