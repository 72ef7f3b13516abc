namespace MbcFhirEdu.Web.Features.Console;

/// <summary>
/// The console's sign-in cookie: HttpOnly, Secure, SameSite=Lax, path <c>/console</c> only, so no other page of the app
/// receives it. Secure is set here, not through <c>SecurePolicy.Always</c>, as for the app's other cookies (browsers
/// accept Secure cookies from http://localhost, which keeps development working).
/// </summary>
internal sealed class ConsoleCookieBuilder : CookieBuilder
{
    public ConsoleCookieBuilder()
    {
        Name = "mbcedu-console";
        HttpOnly = true;
        SameSite = SameSiteMode.Lax;
        Path = ConsoleEndpoints.Path;
        IsEssential = true;
    }

    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        var options = base.Build(context, expiresFrom);
        options.Secure = true;
        return options;
    }
}
