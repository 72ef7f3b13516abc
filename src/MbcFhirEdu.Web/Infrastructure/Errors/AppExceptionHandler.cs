using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore.Storage;

namespace MbcFhirEdu.Web.Infrastructure.Errors;

/// <summary>
/// The last word on an exception no endpoint handled (issue 15): a request ASP.NET could not read
/// (<see cref="BadHttpRequestException"/>: a body too large, cut short, or not bindable) is the caller's mistake and gets
/// its 4xx with what was wrong, as is a form ReadFormAsync could not read (<see cref="InvalidDataException"/> on a form
/// request); a database that did not answer (the retrying execution strategy gave up, or a transient database error) is
/// 503 with Retry-After, so callers retry instead of reading a server fault; anything else is 500 with the trace id
/// and no detail. Never a stack trace or an
/// exception message in the response; the log gets the exception's type and stack (no message: it may quote the data).
/// </summary>
internal sealed class AppExceptionHandler(ILogger<AppExceptionHandler> logger) : IExceptionHandler
{
    private const int MaxDetailLength = 300;

    // Long enough for PostgreSQL to restart or fail over, short enough that a person retrying is not kept waiting.
    private const int DatabaseRetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        IResult result;
        if (exception is BadHttpRequestException bad && bad.StatusCode is >= 400 and < 500)
        {
            ErrorLog.UnreadableRequest(logger, bad.StatusCode, Route(httpContext));
            result = ErrorResponses.For(httpContext, bad.StatusCode, ReasonPhrases.GetReasonPhrase(bad.StatusCode), Describe(bad), "bad_request");
        }
        else if (httpContext.Request.HasFormContentType && UnreadableForm(exception) is { } unreadable)
        {
            // What ReadFormAsync throws for a form it cannot read (no multipart boundary, too many values, a part too large).
            ErrorLog.UnreadableRequest(logger, StatusCodes.Status400BadRequest, Route(httpContext));
            result = ErrorResponses.For(httpContext, StatusCodes.Status400BadRequest, "The form could not be read", Describe(unreadable), "invalid_form");
        }
        else if (exception is RetryLimitExceededException or System.Data.Common.DbException { IsTransient: true })
        {
            ErrorLog.DatabaseUnavailable(logger, exception.GetType().FullName ?? "Exception", Route(httpContext), ErrorResponses.TraceId(httpContext), DatabaseRetryAfterSeconds);
            httpContext.Response.Headers.RetryAfter = DatabaseRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            result = ErrorResponses.For(httpContext, StatusCodes.Status503ServiceUnavailable, "The service is briefly unavailable",
                "Its database did not answer in time. Try again in a few seconds.", "database_unavailable");
        }
        else
        {
            ErrorLog.Unexpected(logger, exception.GetType().FullName ?? "Exception", exception.InnerException?.GetType().FullName ?? "-",
                Route(httpContext), ErrorResponses.TraceId(httpContext), exception.StackTrace ?? "");
            result = ErrorResponses.For(httpContext, StatusCodes.Status500InternalServerError, "An unexpected error occurred", null, "internal_error");
        }
        await result.ExecuteAsync(httpContext);
        return true;
    }

    // Antiforgery reads the form itself (an endpoint checking its token before binding) and wraps what ReadFormAsync threw.
    private static InvalidDataException? UnreadableForm(Exception e) => e switch
    {
        InvalidDataException d => d,
        AntiforgeryValidationException { InnerException: InvalidDataException d } => d,
        _ => null,
    };

    // ASP.NET's own messages name the parameter or limit ("Request body too large. The max request body size is …").
    private static string Describe(Exception e) => e.Message.Length <= MaxDetailLength ? e.Message : e.Message[..MaxDetailLength] + "…";

    // The route pattern, not the path: a path can carry a patient id.
    private static string Route(HttpContext context) =>
        (context.Features.Get<IExceptionHandlerFeature>()?.Endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "(no endpoint)";
}
