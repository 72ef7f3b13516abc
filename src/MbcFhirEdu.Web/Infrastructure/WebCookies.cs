using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace MbcFhirEdu.Web.Infrastructure;

/// <summary>
/// The app's cookies: the browser binding of each pending launch (one cookie per launch, named after its state), the
/// browser key (which the server's session store knows as this browser's, see <c>LaunchContext</c>) and the id of this
/// browser's newest launch (for addresses that name no launch). Every value is issued by the server and a new one is
/// issued at every launch and login: a value the browser brings is never taken over as its own. All HttpOnly, Secure,
/// SameSite=None and Partitioned (CHIPS), because the app runs inside a portal's or EHR's frame; over https they get
/// the <c>__Host-</c> prefix. Browsers accept Secure cookies from http://localhost, which keeps development working.
/// None carries a token or a patient id: tokens stay in <c>ITokenSessionStore</c>.
/// </summary>
internal static partial class WebCookies
{
    /// <summary>
    /// The binding cookie of the pending launch with this <c>state</c>: one per launch, so two launches begun side by side
    /// in one browser each keep theirs, and each is deleted when its callback arrives.
    /// </summary>
    public static string BindingName(HttpRequest request, string state) =>
        (request.IsHttps ? "__Host-mbcedu-launch-" : "mbcedu-launch-") + WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.UTF8.GetBytes(state)).AsSpan(0, 12));

    /// <summary>
    /// The browser key: a new value at every login; the server moves the browser's live launches to it, so a later launch
    /// never takes an earlier tab's session away, while the previous value names nothing any more.
    /// </summary>
    public static string SessionName(HttpRequest request) => request.IsHttps ? "__Host-mbcedu-session" : "mbcedu-session";

    /// <summary>The newest launch's context id (not a secret on its own: it is in that launch's addresses too).</summary>
    public static string NewestContextName(HttpRequest request) => request.IsHttps ? "__Host-mbcedu-context" : "mbcedu-context";

    /// <summary>True for a value of the shape this app writes (used for launch context ids in addresses too).</summary>
    public static bool HasShape(string? value) => value is not null && Shape().IsMatch(value);

    /// <summary>256 random bits, base64url: the shape of every value this app puts in a cookie.</summary>
    public static string NewValue() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>The cookie's value when it has the shape this app writes; anything else counts as absent.</summary>
    public static string? Read(HttpRequest request, string name) =>
        request.Cookies.TryGetValue(name, out var value) && value is not null && Shape().IsMatch(value) ? value : null;

    public static void Write(HttpResponse response, string name, string value, TimeSpan maxAge) =>
        response.Cookies.Append(name, value, Options(maxAge));

    public static void Delete(HttpResponse response, string name) => response.Cookies.Delete(name, Options(null));

    private static CookieOptions Options(TimeSpan? maxAge)
    {
        var options = new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.None,
            Path = "/",
            IsEssential = true,
            MaxAge = maxAge,
        };
        options.Extensions.Add("Partitioned");
        return options;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{43}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
