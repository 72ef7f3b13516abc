using MbcFhirEdu.Web.Components;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;

namespace MbcFhirEdu.Web.Features.Console;

/// <summary>
/// Who may use the console (an endpoint filter on every console page and form): a console sign-in (cookie scheme
/// <see cref="ConsoleAuthentication.CookieScheme"/>) of this tenant whose token carried the app role
/// <see cref="RequiredRole"/>. Not signed in: a page request is sent to Entra ID (and back to the same address), a
/// form post gets 401 (its work cannot survive the round trip). Signed in without the role: 403 saying which role is missing.
/// </summary>
internal static class ConsoleAccess
{
    public const string RequiredRole = "Education.Coordinator";

    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        context.Response.Headers.CacheControl = ConsoleEndpoints.NoCache;
        var configuration = context.RequestServices.GetRequiredService<IConfiguration>();
        if (!ConsoleAuthentication.IsConfigured(configuration))
            return Pages.Message(503, "The coordinator console is not set up",
                "This installation has no Microsoft Entra ID registration for the console (Entra:Console:ClientId).",
                nextStep: "Ask your administrator to register the console in Entra ID (see docs/entra-id.md).");

        var result = await context.AuthenticateAsync(ConsoleAuthentication.CookieScheme);
        if (!result.Succeeded || result.Principal is null)
        {
            if (!HttpMethods.IsGet(context.Request.Method))
                return Pages.Message(401, "Please sign in again", "Your console sign-in has ended, so nothing was done.",
                    nextStep: "Open the coordinator console and sign in with your organisation account.");
            var back = context.Request.Path + context.Request.QueryString;
            return Results.Challenge(new AuthenticationProperties { RedirectUri = back }, [ConsoleAuthentication.OidcScheme]);
        }

        var tenant = configuration[ConsoleAuthentication.SectionName + ":TenantId"];
        var user = ConsoleUser.From(result.Principal);
        if (user is null || !string.Equals(user.TenantId, tenant, StringComparison.OrdinalIgnoreCase))
            return Pages.Message(403, "This account cannot use the console",
                "Your sign-in does not come from the organisation (Entra ID tenant) this console serves.",
                nextStep: "Sign out and sign in with your organisation account.");
        if (!ConsoleUser.HasRole(result.Principal, RequiredRole))
            return Pages.Message(403, "You are not a care coordinator here",
                $"Your account is signed in, but it has not been given the app role {RequiredRole}, which the coordinator console requires.",
                nextStep: "Ask your Entra ID administrator to assign you the role in the console's enterprise application, then sign in again.");

        // The antiforgery tokens are bound to this identity: the page's token only validates for the same coordinator.
        context.User = result.Principal;
        user.Attach(context);
        return await next(invocation);
    }
}
