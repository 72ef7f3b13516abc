namespace MbcFhirEdu.Web.Features.Coordinator;

/// <summary>
/// The antiforgery cookie's options, like <c>WebCookies</c>: HttpOnly, Secure, SameSite=None, Partitioned, path /.
/// Secure is set here rather than through <c>SecurePolicy.Always</c>, which refuses plain-http requests outright (browsers
/// accept Secure cookies from http://localhost, which keeps development working, as for the session cookie).
/// </summary>
internal sealed class FramedCookieBuilder : CookieBuilder
{
    public FramedCookieBuilder()
    {
        HttpOnly = true;
        SameSite = SameSiteMode.None;
        Path = "/";
        IsEssential = true;
    }

    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        var options = base.Build(context, expiresFrom);
        options.Secure = true;
        options.SameSite = SameSiteMode.None;
        if (!options.Extensions.Contains("Partitioned")) options.Extensions.Add("Partitioned");
        return options;
    }
}
