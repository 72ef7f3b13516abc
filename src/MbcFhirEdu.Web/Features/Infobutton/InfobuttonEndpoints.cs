using System.Globalization;
using System.Threading.RateLimiting;
using MbcFhirEdu.Core.Matching;
using MbcFhirEdu.Web.Components;
using MbcFhirEdu.Web.Features.Materials;
using MbcFhirEdu.Web.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Features.Infobutton;

/// <summary>
/// <c>GET /infobutton</c>: HL7 Infobutton URL-based knowledge requests for the site disorder codes (SNOMED CT,
/// ICD-10-CM), primary breast cancer codes and tumour-marker tests (LOINC), answered as an Atom feed (text/xml, the
/// default), JSON or an HTML page. Public content only: no login, no patient data, nothing about the caller is kept.
/// Rate-limited per client IP (<c>Infobutton:PermitLimit</c> per <c>Infobutton:Window</c>) with ASP.NET Core's
/// limiter; over the limit is 429 with Retry-After.
/// </summary>
internal static class InfobuttonEndpoints
{
    public const string RateLimitPolicy = "infobutton";

    public static IServiceCollection AddInfobutton(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InfobuttonOptions>().Bind(configuration.GetSection(InfobuttonOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(RateLimitPolicy, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<InfobuttonOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = options.PermitLimit, Window = options.Window, QueueLimit = 0 });
            });
            limiter.OnRejected = (rejected, cancellationToken) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                rejected.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                return new ValueTask(rejected.HttpContext.Response.WriteAsync($"Too many requests; try again in {seconds} seconds.", cancellationToken));
            };
        });
        return services;
    }

    public static WebApplication MapInfobutton(this WebApplication app)
    {
        app.UseRateLimiter();
        app.MapGet("/infobutton", Answer).RequireRateLimiting(RateLimitPolicy);
        return app;
    }

    private static IResult Answer(HttpContext context, MaterialLibrary library, TimeProvider timeProvider)
    {
        var (request, error) = InfobuttonRequest.Parse(context.Request.Query);
        if (request is null) return TypedResults.Problem(error, statusCode: 400, title: "Invalid Infobutton request");

        var topic = CodeTopics.For(request.Code);
        var materials = topic is null ? [] : CodeTopics.Materials(topic, library.Catalog, request.Language, male: request.Gender == "M");
        var feed = new InfobuttonFeed(request, materials, PublicUrls.Base(context), timeProvider.GetUtcNow());
        // Public, identical for everyone asking the same URL: shared caches may keep it briefly.
        context.Response.Headers.CacheControl = "public, max-age=3600";
        context.Response.Headers.Vary = "Accept-Encoding";
        return request.ResponseType switch
        {
            InfobuttonRequest.Json => TypedResults.Text(feed.ToJson(), "application/json; charset=utf-8"),
            InfobuttonRequest.Html => Pages.Render<InfobuttonPage>(new Dictionary<string, object?> { ["Feed"] = feed, ["Text"] = UiText.For(request.Language) }),
            _ => TypedResults.Text(feed.ToAtom(), "text/xml; charset=utf-8"),
        };
    }
}
