using MbcFhirEdu.Web.Features.Console;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Infrastructure;

/// <summary>
/// Response headers for every page: a Content-Security-Policy with no inline script or style and
/// <c>frame-ancestors</c> from <c>Web:FrameAncestors</c> (so allowed portals can embed the app — hence no
/// X-Frame-Options), nosniff and no referrer (a callback URL carries a code). The sandbox EHR's own pages
/// (<c>/sandbox/…</c>) keep inline styles, so they get the same headers without the app's CSP. Outside Development,
/// HTTPS responses also carry Strict-Transport-Security (<c>Web:Hsts*</c>). Forms may post to the app only
/// (<c>form-action 'self'</c>), except that the console's pages (<c>/console/…</c>) also allow Entra ID's origin: their
/// sign-out form is answered with a redirect to the end-session endpoint, and Chrome applies <c>form-action</c> to it.
/// </summary>
internal static class SecurityHeaders
{
    public const string SandboxPrefix = "/sandbox";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<WebOptions>>().Value;
        var frameAncestors = string.Join(' ', options.FrameAncestors.Count == 0 ? ["'self'"] : options.FrameAncestors.Distinct(StringComparer.Ordinal));
        string Policy(string formAction) =>
            "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; " +
            $"object-src 'none'; base-uri 'none'; form-action {formAction}; frame-ancestors {frameAncestors}";
        var policy = Policy("'self'");
        var signIn = app.ApplicationServices.GetService<IOptions<EntraConsoleOptions>>()?.Value.SignInOrigin;
        var consolePolicy = signIn is null ? policy : Policy("'self' " + signIn);
        app.UseHstsOutsideDevelopment();
        return app.Use((context, next) =>
        {
            // Set when the response starts, not now: the exception handler clears the headers of a response that
            // failed (Response.Clear) before it writes the error page, and that page needs them as much as any.
            context.Response.OnStarting(static state =>
            {
                var (context, policy, consolePolicy) = ((HttpContext, string, string))state;
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                if (!context.Request.Path.StartsWithSegments(SandboxPrefix))
                {
                    headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(ConsoleEndpoints.Path) ? consolePolicy : policy;
                    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                }
                return Task.CompletedTask;
            }, (context, policy, consolePolicy));
            return next(context);
        });
    }
}
