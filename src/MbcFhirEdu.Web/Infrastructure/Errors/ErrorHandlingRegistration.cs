using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace MbcFhirEdu.Web.Infrastructure.Errors;

/// <summary>
/// ASP.NET Core's exception handler with <see cref="AppExceptionHandler"/>, and status-code pages for an error answered
/// with no body, both through <see cref="ErrorResponses"/>. In Development a browser's page request keeps the developer
/// exception page; every program (API, FHIR, CDS Hooks, any caller not asking for HTML) gets the handler there too.
/// The hosted sandbox EHR is left as it is.
/// </summary>
internal static class ErrorHandlingRegistration
{
    public static IServiceCollection AddErrorHandling(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<AppExceptionHandler>();
        // Minimal APIs answer a parameter they cannot bind with an empty 400 outside Development; thrown, the handler
        // names the parameter in every environment.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    public static WebApplication UseErrorHandling(this WebApplication app)
    {
        var development = app.Environment.IsDevelopment();
        app.UseWhen(c => !IsSandbox(c) && (!development || ErrorResponses.IsMachineRoute(c.Request.Path) || !ErrorResponses.WantsHtml(c)),
            b => b.UseExceptionHandler());
        app.UseStatusCodePages(WriteAsync);
        app.UseWhen(c => !IsSandbox(c), b => b.UseFormEncodingCheck());
        return app;
    }

    private static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (IsSandbox(http)) return Task.CompletedTask;
        var status = http.Response.StatusCode;
        var title = ReasonPhrases.GetReasonPhrase(status);
        return ErrorResponses.For(http, status, title.Length == 0 ? "Error" : title, Detail(status), $"http_{status}").ExecuteAsync(http);
    }

    // The hosted development EHR (Development only) stands in for an EHR and answers in its own way: the app's clients
    // read its empty errors as such, and its cancelled requests must stay cancellations (the handler would answer 499).
    private static bool IsSandbox(HttpContext context) => context.Request.Path.StartsWithSegments(SecurityHeaders.SandboxPrefix);

    private static string? Detail(int status) => status switch
    {
        StatusCodes.Status405MethodNotAllowed => "This address does not answer this HTTP method.",
        StatusCodes.Status415UnsupportedMediaType => "The request body's Content-Type is not one this address reads.",
        StatusCodes.Status400BadRequest => "The request could not be read.",
        _ => null,
    };
}
