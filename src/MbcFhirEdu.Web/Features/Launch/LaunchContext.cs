using System.Security.Cryptography;
using System.Text;
using MbcFhirEdu.Web.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace MbcFhirEdu.Web.Features.Launch;

/// <summary>
/// One launch, one tab (DESIGN.md): every launch gets its own random context id, which the callback puts in the address
/// the launch ends on (<c>/app/l/{ctx}</c>, <c>/coordinator/l/{ctx}</c>) and every link of that view carries on. The
/// server-side session key is derived from that id, and the session store gives the session only to the browser whose
/// HttpOnly cookie holds the key the store knows as the session's owner: a second launch in the same browser adds a
/// session instead of replacing one, and a copied address is useless without the cookie (another browser finds nothing).
/// </summary>
internal static class LaunchContext
{
    /// <summary>The route parameter that names the launch.</summary>
    public const string RouteParameter = "ctx";
    public const string AppPrefix = "/app/l/";
    public const string WorkspacePrefix = "/coordinator/l/";

    private static readonly byte[] Purpose = Encoding.ASCII.GetBytes("MbcFhirEdu.LaunchContext.v2");

    /// <summary>A new context id: 256 random bits, base64url.</summary>
    public static string NewId() => WebCookies.NewValue();

    /// <summary>
    /// The token-session key of context <paramref name="contextId"/>: HMAC-SHA256 keyed by the id, so the key in the
    /// store is not the value in the address. It does not depend on the browser key, which changes at every login while
    /// the launch's session (and a delivery queued under it) stays the same.
    /// </summary>
    public static string SessionKey(string contextId) =>
        WebEncoders.Base64UrlEncode(HMACSHA256.HashData(Encoding.ASCII.GetBytes(contextId), Purpose));

    /// <summary>
    /// The context the request names: the <c>{ctx}</c> route value when the route has one (null if malformed: an address
    /// naming a launch never falls back to another one), otherwise this browser's newest launch (an old bookmark, or a
    /// link from the EHR's Communication, which cannot know the tab).
    /// </summary>
    public static string? Find(HttpContext context)
    {
        if (context.Request.RouteValues.TryGetValue(RouteParameter, out var value))
            return value is string named && WebCookies.HasShape(named) ? named : null;
        return WebCookies.Read(context.Request, WebCookies.NewestContextName(context.Request));
    }

    /// <summary>
    /// True when the browser says the page is loading inside a frame (Fetch Metadata <c>Sec-Fetch-Dest</c>). A browser
    /// that does not send it counts as not framed, so the patient banner is shown rather than lost.
    /// </summary>
    public static bool IsFramed(HttpRequest request) =>
        request.Headers["Sec-Fetch-Dest"].ToString() is "iframe" or "frame" or "embed" or "object";

    /// <summary>
    /// Whether a clinician's page shows the patient banner: always, except where the EHR shows its own
    /// (need_patient_banner=false, which only means something inside the EHR's frame) and the page is framed.
    /// </summary>
    public static bool ShowsClinicianBanner(Fhir.Smart.SmartSession session, HttpRequest request) =>
        session.IsPractitioner && (session.NeedPatientBanner || !IsFramed(request));
}
