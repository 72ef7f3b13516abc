using MbcFhirEdu.Core.Matching;
using MbcFhirEdu.Web.Components;
using MbcFhirEdu.Web.Features.Materials;
using MbcFhirEdu.Web.Infrastructure;

namespace MbcFhirEdu.Web.Features.Infobutton;

/// <summary>
/// <c>GET /infobutton</c>: HL7 Infobutton URL-based knowledge requests for the site disorder codes (SNOMED CT,
/// ICD-10-CM), primary breast cancer codes and tumour-marker tests (LOINC), answered as an Atom feed (text/xml, the
/// default), JSON or an HTML page. Public content only: no login, no patient data, nothing about the caller is kept.
/// Rate-limited per client IP (<c>RateLimits:InfobuttonPermitLimit</c>, see RateLimitPartitions); over the limit is 429
/// with Retry-After.
/// </summary>
internal static class InfobuttonEndpoints
{
    public static WebApplication MapInfobutton(this WebApplication app)
    {
        app.MapGet("/infobutton", Answer);
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
