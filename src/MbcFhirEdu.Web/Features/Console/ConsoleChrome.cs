namespace MbcFhirEdu.Web.Features.Console;

/// <summary>What every console page's navigation needs: the sign-out form's antiforgery token (sign-out is a POST).</summary>
public sealed record ConsoleChrome(string AntiforgeryField, string AntiforgeryToken);
