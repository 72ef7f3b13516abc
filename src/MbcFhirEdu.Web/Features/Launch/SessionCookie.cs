using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Web.Infrastructure;

namespace MbcFhirEdu.Web.Features.Launch;

/// <summary>
/// The token session of the launch a request belongs to (see <see cref="LaunchContext"/>): the server-side key derived
/// from the launch's context id, what the server keeps for it (given only to the browser key that owns it, and counted
/// as a use that slides its idle lifetime), and that context id, which every link of the view carries so the tab stays
/// with its launch.
/// </summary>
internal sealed record SessionCookie(string Id, SmartSession Session, string ContextId)
{
    /// <summary>The patient app's address for this launch (lists, print, materials, theme).</summary>
    public string AppPath => LaunchContext.AppPrefix + ContextId;

    /// <summary>The care coordinator workspace's address for this launch.</summary>
    public string WorkspacePath => LaunchContext.WorkspacePrefix + ContextId;

    /// <summary>The EHR's smart_style_url as validated CSS, for this launch.</summary>
    public string ThemePath => AppPath + "/theme.css";

    public static async Task<SessionCookie?> FindAsync(HttpContext context, ITokenSessionStore sessions, CancellationToken cancellationToken)
    {
        var browserKey = WebCookies.Read(context.Request, WebCookies.SessionName(context.Request));
        if (browserKey is null) return null;
        var contextId = LaunchContext.Find(context);
        if (contextId is null) return null;
        var id = LaunchContext.SessionKey(contextId);
        var session = await sessions.GetForBrowserAsync(id, browserKey, cancellationToken);
        return session is null ? null : new SessionCookie(id, session, contextId);
    }

    // The id is a bearer secret: keep it out of any log line a record's ToString could reach.
    public override string ToString() => $"SessionCookie {{ {Session} }}";
}
