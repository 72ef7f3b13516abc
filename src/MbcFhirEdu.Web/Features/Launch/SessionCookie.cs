using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Web.Infrastructure;

namespace MbcFhirEdu.Web.Features.Launch;

/// <summary>The browser's token session: the opaque id from the session cookie and what the server keeps for it.</summary>
internal sealed record SessionCookie(string Id, SmartSession Session)
{
    public static async Task<SessionCookie?> FindAsync(HttpContext context, ITokenSessionStore sessions, CancellationToken cancellationToken)
    {
        var id = WebCookies.Read(context.Request, WebCookies.SessionName(context.Request));
        if (id is null) return null;
        var session = await sessions.GetAsync(id, cancellationToken);
        return session is null ? null : new SessionCookie(id, session);
    }

    // The id is a bearer secret: keep it out of any log line a record's ToString could reach.
    public override string ToString() => $"SessionCookie {{ {Session} }}";
}
