using System.Globalization;
using MbcFhirEdu.Web.Infrastructure.Observability;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Web.Components;
using MbcFhirEdu.Web.Features.Patient;
using MbcFhirEdu.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Features.Launch;

/// <summary>
/// SMART App Launch 2.2 §2.1 from the browser's side: <c>/launch</c> (EHR launch with <c>iss</c> + <c>launch</c>, or
/// standalone with <c>iss</c> alone) and <c>/callback</c> (the registered redirect URI), which ends on the launch's own
/// address (<see cref="LaunchContext"/>). The <c>iss</c> is checked
/// against the allow-list before anything is fetched; state, PKCE and the token exchange are
/// <see cref="SmartAuthorizer"/>'s.
/// </summary>
internal static class LaunchEndpoints
{
    private const string LogCategory = "MbcFhirEdu.Web.Features.Launch";

    public static IEndpointRouteBuilder MapLaunch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/launch", (HttpContext c, string? iss, string? launch, SmartAuthorizer a, IOptions<SmartClientOptions> o, EduMetrics m, ILoggerFactory l, CancellationToken ct) =>
            LaunchAsync(c, iss, launch, coordinator: false, a, o, m, l, ct)).AddEndpointFilter(NoStore);
        // The coordinator workspace's launch URL (register it with the EHR as a second app launch URL).
        app.MapGet(CoordinatorLaunchPath, (HttpContext c, string? iss, string? launch, SmartAuthorizer a, IOptions<SmartClientOptions> o, EduMetrics m, ILoggerFactory l, CancellationToken ct) =>
            LaunchAsync(c, iss, launch, coordinator: true, a, o, m, l, ct)).AddEndpointFilter(NoStore);
        app.MapGet("/callback", CallbackAsync).AddEndpointFilter(NoStore);
        app.MapLogout();
        return app;
    }

    public const string CoordinatorLaunchPath = "/launch/coordinator";

    private static async Task<IResult> LaunchAsync(
        HttpContext context, string? iss, string? launch, bool coordinator, SmartAuthorizer authorizer, IOptions<SmartClientOptions> options,
        EduMetrics metrics, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var logger = logs.CreateLogger(LogCategory);
        if (string.IsNullOrEmpty(iss))
        {
            WebLog.LaunchRefused(logger, "missing-iss");
            metrics.LaunchBegun(string.IsNullOrEmpty(launch) ? SmartLaunchMode.StandalonePatient.ToString() : SmartLaunchMode.EhrLaunch.ToString(), "missing-iss");
            return Pages.Message(400, "This link is incomplete",
                "The app was opened without saying which health record (iss) it belongs to.");
        }
        // Always a new binding, in a cookie of this launch's own: one the browser brings is never taken over (a value an
        // attacker planted would otherwise let their own pending launch finish in this browser).
        var binding = WebCookies.NewValue();
        if (coordinator && string.IsNullOrEmpty(launch))
        {
            WebLog.LaunchRefused(logger, "missing-launch");
            return Pages.Message(400, "This link is incomplete",
                "The care coordinator workspace opens from a patient's chart in the health record, which adds a launch parameter.");
        }
        var mode = coordinator ? SmartLaunchMode.CoordinatorEhrLaunch
            : string.IsNullOrEmpty(launch) ? SmartLaunchMode.StandalonePatient : SmartLaunchMode.EhrLaunch;

        var begun = await authorizer.BeginAsync(iss, launch, binding, mode, cancellationToken);
        if (!begun.Succeeded)
        {
            WebLog.LaunchRefused(logger, begun.Error.Code.ToString());
            metrics.LaunchBegun(mode.ToString(), begun.Error.Code.ToString());
            return begun.Error.Code switch
            {
                SmartErrorCode.UnknownIssuer => Pages.Message(400, "This health record is not one we know",
                    "The app can only be opened from the health records it is registered with.", begun.Error.Message),
                SmartErrorCode.InvalidRequest => Pages.Message(400, "This link is incomplete", begun.Error.Message),
                _ => Pages.Message(502, "The health record could not be reached",
                    "The health record did not answer the way the app needs to sign you in.", begun.Error.Message,
                    "Please try again in a few minutes, or open the app again from your health record."),
            };
        }
        WebCookies.Write(context.Response, WebCookies.BindingName(context.Request, begun.State.State), binding, options.Value.StateLifetime);
        WebLog.LaunchRedirected(logger, mode.ToString());
        metrics.LaunchBegun(mode.ToString(), "redirected");
        return TypedResults.Redirect(begun.AuthorizeUrl.AbsoluteUri);
    }

    private static async Task<IResult> CallbackAsync(
        HttpContext context, string? code, string? state, string? error, SmartAuthorizer authorizer, IOptions<SmartClientOptions> options,
        EduMetrics metrics, PatientPageService pages, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var logger = logs.CreateLogger(LogCategory);
        // The launch's own binding cookie has done its job whatever happens next.
        var binding = "";
        if (!string.IsNullOrEmpty(state) && state.Length <= 4096)
        {
            var bindingName = WebCookies.BindingName(context.Request, state);
            binding = WebCookies.Read(context.Request, bindingName) ?? "";
            if (binding.Length > 0) WebCookies.Delete(context.Response, bindingName);
        }
        if (!string.IsNullOrEmpty(error))
        {
            var known = OAuthErrors.Describe(error);
            WebLog.CallbackError(logger, known.Code);
            metrics.LaunchCompleted("unknown", "authorization-error");
            // The server's own words are shown only for a launch this browser started: otherwise anyone could put text
            // ("call this number and give your password") on this app's page with a crafted link.
            var ours = await authorizer.AbandonAsync(state, binding, cancellationToken);
            string? description = context.Request.Query["error_description"];
            return Pages.Message(400, "Sign-in did not finish", known.Message,
                !ours || string.IsNullOrEmpty(description) ? null : "The health record said: " + Truncate(description, 300));
        }

        // One launch, one tab: this launch gets a context id of its own, and the browser a new key (issued here, never
        // the one it brings); the store moves the browser's earlier launches to the new key, so their tabs keep working
        // while the previous cookie value names nothing any more.
        var sessionName = WebCookies.SessionName(context.Request);
        var browserKey = WebCookies.NewValue();
        var contextId = LaunchContext.NewId();
        var login = new BrowserLogin(browserKey, WebCookies.Read(context.Request, sessionName));
        var sessionKey = LaunchContext.SessionKey(contextId);
        // The token is in hand and checked: the record's one wave of reads starts now, while the session is saved and the
        // browser follows the redirect (the coordinator workspace reads its own way).
        var completed = await authorizer.CompleteAsync(code, state, binding, sessionKey, login, session =>
        {
            if (session.Mode != SmartLaunchMode.CoordinatorEhrLaunch) pages.StartLoad(new SessionCookie(sessionKey, session, contextId));
        }, cancellationToken);
        // Not PHI: how long the EHR's token endpoint took, for the launch-to-first-page figure and browser dev tools.
        if (completed.TokenCallElapsed > TimeSpan.Zero)
            context.Response.Headers["Server-Timing"] = string.Create(CultureInfo.InvariantCulture, $"token;dur={completed.TokenCallElapsed.TotalMilliseconds:0.#};desc=\"token call\"");
        if (!completed.Succeeded)
        {
            WebLog.CallbackRefused(logger, completed.Error.Code.ToString());
            metrics.LaunchCompleted("unknown", completed.Error.Code.ToString());
            return completed.Error.Code == SmartErrorCode.TokenError
                ? Pages.Message(502, "Sign-in did not finish", "The health record did not accept the sign-in.", completed.Error.Message)
                : Pages.Message(400, "Sign-in did not finish", completed.Error.Message);
        }

        WebCookies.Write(context.Response, sessionName, browserKey, options.Value.SessionLifetime);
        WebCookies.Write(context.Response, WebCookies.NewestContextName(context.Request), contextId, options.Value.SessionLifetime);
        var audience = completed.Session.Mode == SmartLaunchMode.CoordinatorEhrLaunch ? "coordinator"
            : completed.Session.IsPractitioner ? "clinician" : "patient";
        WebLog.SessionStarted(logger, audience);
        metrics.LaunchCompleted(audience, "session-started");
        // The launch ends on its own address, which names its context: the tab stays with this patient.
        return TypedResults.Redirect((completed.Session.Mode == SmartLaunchMode.CoordinatorEhrLaunch ? LaunchContext.WorkspacePrefix : LaunchContext.AppPrefix) + contextId);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    private static async ValueTask<object?> NoStore(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        return await next(context);
    }
}
