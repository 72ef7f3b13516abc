using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Web.Components;
using MbcFhirEdu.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;

namespace MbcFhirEdu.Web.Features.Launch;

/// <summary>
/// Sign-out. <c>GET /logout</c> only shows a form (a link or a prefetch must never sign anyone out); <c>POST /logout</c>
/// with its antiforgery token ends every launch of this browser in the shared session store (tokens deleted, so on
/// every replica; a replica's short read-through, <c>Web:SessionCacheSeconds</c>, is the longest a copy lives on),
/// deletes the browser-key and newest-launch cookies, and says so in plain words.
/// </summary>
internal static partial class LogoutEndpoints
{
    public const string Path = "/logout";

    // What antiforgery itself sets on a response that carries a form token (anything else is overwritten with a warning).
    private const string NoCache = "no-cache, no-store";

    public static IEndpointRouteBuilder MapLogout(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, Confirm);
        // Antiforgery is checked in the handler, so a bad or missing token gets this app's page rather than a bare 400.
        app.MapPost(Path, SignOutAsync).DisableAntiforgery();
        return app;
    }

    private static IResult Confirm(HttpContext context, IAntiforgery antiforgery)
    {
        context.Response.Headers.CacheControl = NoCache;
        var tokens = antiforgery.GetAndStoreTokens(context);
        return Pages.Render<LogoutPage>(new Dictionary<string, object?>
        {
            ["AntiforgeryField"] = tokens.FormFieldName,
            ["AntiforgeryToken"] = tokens.RequestToken ?? "",
        });
    }

    private static async Task<IResult> SignOutAsync(
        HttpContext context, IAntiforgery antiforgery, ITokenSessionStore sessions, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = NoCache;
        if (!await antiforgery.IsRequestValidAsync(context))
            return Pages.Message(400, "You are still signed in", "The sign-out form had expired or did not come from this app.",
                nextStep: "Open the sign-out page again and press the button.");

        var ended = 0;
        var sessionName = WebCookies.SessionName(context.Request);
        if (WebCookies.Read(context.Request, sessionName) is { } browserKey)
            ended = await sessions.EndBrowserAsync(browserKey, cancellationToken);
        WebCookies.Delete(context.Response, sessionName);
        WebCookies.Delete(context.Response, WebCookies.NewestContextName(context.Request));
        SignedOut(logs.CreateLogger("MbcFhirEdu.Web.Features.Launch"), ended);
        return Pages.Message(200, "You are signed out",
            "This browser is no longer signed in to the app: every patient's page it had open now asks to open the app again.",
            nextStep: "To see the materials again, open the app from your health record or patient portal.");
    }

    [LoggerMessage(3095, LogLevel.Information, "Signed out: {Ended} launch(es) of this browser ended")]
    private static partial void SignedOut(ILogger logger, int ended);
}
