using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace MbcFhirEdu.Web.Infrastructure;

/// <summary>
/// The app's two cookies: the browser binding of a pending launch and the opaque session id. Both HttpOnly, Secure,
/// SameSite=None and Partitioned (CHIPS), because the app runs inside a portal's or EHR's frame; over https they get
/// the <c>__Host-</c> prefix. Browsers accept Secure cookies from http://localhost, which keeps development working.
/// Neither carries a token or a patient id: tokens stay in <c>ITokenSessionStore</c>.
/// </summary>
internal static partial class WebCookies
{
    public static string BindingName(HttpRequest request) => request.IsHttps ? "__Host-mbcedu-launch" : "mbcedu-launch";

    public static string SessionName(HttpRequest request) => request.IsHttps ? "__Host-mbcedu-session" : "mbcedu-session";

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
