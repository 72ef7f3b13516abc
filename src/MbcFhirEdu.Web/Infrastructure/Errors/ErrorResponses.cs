using MbcFhirEdu.Web.Components;
using MbcFhirEdu.Web.Features.FhirApi;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace MbcFhirEdu.Web.Infrastructure.Errors;

/// <summary>
/// An error in the shape its caller reads (STYLE.md rule 7): an OperationOutcome under <c>/fhir</c>, RFC 9457 problem
/// details under <c>/api</c> and <c>/cds-services</c> (the CDS Hooks errors here are problem+json) and for any caller that
/// does not ask for HTML, and the app's message page for a browser. Used where the app answers for a route rather than a
/// route for itself: unexpected exceptions, unreadable requests and rate limits.
/// </summary>
internal static class ErrorResponses
{
    /// <param name="code">A stable code (<c>error</c> in problem details) for machine readers.</param>
    public static IResult For(HttpContext context, int status, string title, string? detail, string code)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/fhir"))
            return FhirResults.Outcome(status, IssueTypeFor(status), detail is null ? $"{title} (trace id {TraceId(context)})." : $"{title}: {detail}");
        if (!IsMachineRoute(path) && WantsHtml(context))
            return Pages.Message(status, title, detail ?? "The app could not answer this request.", detail: $"Reference: {TraceId(context)}",
                nextStep: status == StatusCodes.Status429TooManyRequests ? "Wait a moment, then try again." : "Please try again, or open the app again from your health record or patient portal.");
        return TypedResults.Problem(detail, statusCode: status, title: title,
            extensions: new Dictionary<string, object?> { ["error"] = code, ["traceId"] = TraceId(context) });
    }

    /// <summary>Routes whose callers are programs: never an HTML page, whatever they accept.</summary>
    public static bool IsMachineRoute(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/cds-services") || path.StartsWithSegments("/fhir")
        || path.StartsWithSegments("/infobutton") || path.StartsWithSegments("/.well-known");

    /// <summary>A browser navigating: it asks for text/html (programs send JSON types or nothing).</summary>
    public static bool WantsHtml(HttpContext context) =>
        context.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    /// <summary>The id the logs and traces carry for this request, so a reported error can be found.</summary>
    public static string TraceId(HttpContext context) => System.Diagnostics.Activity.Current?.Id ?? context.TraceIdentifier;

    private static IssueType IssueTypeFor(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => IssueType.TooCostly,
        StatusCodes.Status429TooManyRequests => IssueType.Throttled,
        >= 500 => IssueType.Exception,
        _ => IssueType.Invalid,
    };
}
