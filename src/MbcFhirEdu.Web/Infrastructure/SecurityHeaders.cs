using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Infrastructure;

/// <summary>
/// Response headers for every page: a Content-Security-Policy with no inline script or style and
/// <c>frame-ancestors</c> from <c>Web:FrameAncestors</c> (so allowed portals can embed the app — hence no
/// X-Frame-Options), nosniff and no referrer (a callback URL carries a code). The sandbox EHR's own pages
/// (<c>/sandbox/…</c>) keep inline styles, so they get the same headers without the app's CSP. Outside Development,
/// HTTPS responses also carry Strict-Transport-Security (<c>Web:Hsts*</c>).
/// </summary>
internal static class SecurityHeaders
{
    public const string SandboxPrefix = "/sandbox";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<WebOptions>>().Value;
        var policy = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; " +
                     "object-src 'none'; base-uri 'none'; form-action 'self'; " +
                     $"frame-ancestors {string.Join(' ', options.FrameAncestors.Count == 0 ? ["'self'"] : options.FrameAncestors.Distinct(StringComparer.Ordinal))}";
        app.UseHstsOutsideDevelopment();
        return app.Use((context, next) =>
        {
            // Set when the response starts, not now: the exception handler clears the headers of a response that
            // failed (Response.Clear) before it writes the error page, and that page needs them as much as any.
            context.Response.OnStarting(static state =>
            {
                var (context, policy) = ((HttpContext, string))state;
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                if (!context.Request.Path.StartsWithSegments(SandboxPrefix))
                {
                    headers.ContentSecurityPolicy = policy;
                    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                }
                return Task.CompletedTask;
            }, (context, policy));
            return next(context);
        });
    }
}
