using System.Globalization;
using MbcFhirEdu.Core.Population;
using MbcFhirEdu.Data.Audit;
using MbcFhirEdu.Data.Population;
using MbcFhirEdu.Web.Components;
using MbcFhirEdu.Web.Features.Audit;
using MbcFhirEdu.Web.Features.Coordinator;
using MbcFhirEdu.Web.Features.Materials;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Features.Console;

/// <summary>
/// <c>/console</c>: the care coordinators' console, signed in with Microsoft Entra ID (<see cref="ConsoleAuthentication"/>),
/// every page and form behind <see cref="ConsoleAccess"/>. The worklist (<see cref="ConsoleWorklistEndpoints"/>), patient
/// search, the patient view and send (<see cref="ConsolePatientEndpoints"/>), and sign-out. The EHR is read and written
/// with SMART Backend Services (<see cref="ConsoleEhr"/>); every action writes an audit row whose actor is the user's <c>oid</c>.
/// </summary>
internal static class ConsoleEndpoints
{
    public const string Path = "/console";
    public const string WorklistPath = "/console/worklist";
    public const string SearchPath = "/console/patients";
    public const string SignOutPath = "/console/signout";
    public const string SignedOutPath = "/console/signed-out";
    public const string NoCache = CoordinatorEndpoints.NoCache;
    public const int WorklistPageSize = 25;

    public static string PatientPath(string patientId) => SearchPath + "/" + Uri.EscapeDataString(patientId);

    public static string ClosePath(Guid entryId) => $"{WorklistPath}/{entryId:D}/close";

    public static string WorklistLink(WorklistReason? reason, int page) => QueryHelpers.AddQueryString(WorklistPath, new Dictionary<string, string?>
    {
        ["reason"] = reason?.ToString(),
        ["page"] = page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null,
    }.Where(p => p.Value is not null));

    public static IServiceCollection AddConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConsoleOptions>().Bind(configuration.GetSection(ConsoleOptions.SectionName));
        services.AddConsoleSignIn(configuration);
        // The worklist's store (issue 18); AddPopulation registers the same one where the population run is on.
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WorklistStore>();
        services.TryAddTransient<ConsoleEhr>();
        services.TryAddTransient<ConsolePatientSearch>();
        services.TryAddTransient<ConsolePatientPage>();
        return services;
    }

    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        // Forms are checked with IAntiforgery in the handlers (after the sign-in and role checks), like the workspace's.
        var console = app.MapGroup(Path).AddEndpointFilter(ConsoleAccess.FilterAsync);
        console.MapGet("", () => Results.Redirect(WorklistPath));
        console.MapConsoleWorklist();
        console.MapConsolePatients();
        console.MapPost("/signout", SignOutAsync).DisableAntiforgery();
        app.MapGet(SignedOutPath, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = NoCache;
            return Pages.Message(200, "You are signed out of the coordinator console", "Your console sign-in has ended on this browser.",
                nextStep: "To work again, open the coordinator console and sign in with your organisation account.");
        });
        return app;
    }

    /// <summary>The chrome (sign-out form) of a console page, with this request's antiforgery token.</summary>
    internal static ConsoleChrome Chrome(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return new ConsoleChrome(tokens.FormFieldName, tokens.RequestToken ?? "");
    }

    /// <summary>The antiforgery check of a console form; null when the form is valid.</summary>
    internal static async Task<IResult?> CheckFormAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!context.Request.HasFormContentType)
            return Pages.Message(415, "This was not sent from a console form", "Use the buttons of the coordinator console.");
        if (context.Request.ContentLength > CoordinatorSendForm.MaxFormBytes)
            return Pages.Message(413, "The form is too large", $"A console form may carry at most {CoordinatorSendForm.MaxFormBytes / 1024} KB.");
        return await antiforgery.IsRequestValidAsync(context) ? null
            : Pages.Message(400, "This form has expired or did not come from the console",
                "Nothing was done. For your protection, console actions only work from a page the console showed you.",
                nextStep: "Open the coordinator console again and try from there.");
    }

    internal static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("MbcFhirEdu.Web.Features.Console");

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery, AuditLog audit,
        IOptionsMonitor<OpenIdConnectOptions> oidc, CancellationToken cancellationToken)
    {
        if (await CheckFormAsync(context, antiforgery) is { } refused) return refused;
        var user = ConsoleUser.Of(context);
        await audit.TryWriteAsync(new AuditEntry(ConsoleAuditActions.SignOut, true, user.ObjectId, null, null), Logger(context), cancellationToken);
        var properties = new AuthenticationProperties { RedirectUri = SignedOutPath };
        // Entra ID's end-session endpoint too, when the provider has one: the next sign-in asks for the account again.
        var options = oidc.Get(ConsoleAuthentication.OidcScheme);
        string? endSession;
        try
        {
            endSession = (options.ConfigurationManager is { } manager ? await manager.GetConfigurationAsync(cancellationToken) : options.Configuration)?.EndSessionEndpoint;
        }
        catch (InvalidOperationException)
        {
            endSession = null; // metadata unreachable: the console's own sign-in still ends
        }
        return string.IsNullOrEmpty(endSession)
            ? Results.SignOut(properties, [ConsoleAuthentication.CookieScheme])
            : Results.SignOut(properties, [ConsoleAuthentication.CookieScheme, ConsoleAuthentication.OidcScheme]);
    }

    /// <summary>303 See Other: the browser follows a form's answer with a GET.</summary>
    internal static IResult SeeOther(string location) => new SeeOtherResult(location);

    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
