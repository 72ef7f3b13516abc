using MbcFhirEdu.Web.Components;
using MbcFhirEdu.Web.Features.FhirApi;
using MbcFhirEdu.Web.Infrastructure;

namespace MbcFhirEdu.Web.Features.Home;

/// <summary>
/// What an address no endpoint serves answers, in the shape its caller reads: an OperationOutcome under the FHIR
/// bases, ProblemDetails under the CDS Hooks services (the API has its own fallback), the app's friendly page anywhere
/// else. Runs after the pipeline, only when nothing matched and nothing was written, so an endpoint's own 404 and
/// routing's 405 stay as they are.
/// </summary>
internal static class NotFoundResponses
{
    public static IApplicationBuilder UseFriendlyNotFound(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        if (context.Response.StatusCode != StatusCodes.Status404NotFound || context.Response.HasStarted || context.GetEndpoint() is not null) return;
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsPost(context.Request.Method)) return;
        await For(context.Request.Path).ExecuteAsync(context);
    });

    private static IResult For(PathString path)
    {
        if (path.StartsWithSegments("/fhir") || path.StartsWithSegments(SecurityHeaders.SandboxPrefix + "/fhir"))
            return FhirResults.Outcome(404, Hl7.Fhir.Model.OperationOutcome.IssueType.NotFound, "There is no FHIR endpoint at this address.");
        if (path.StartsWithSegments("/cds-services"))
            return TypedResults.Problem("There is no CDS service at this address.", statusCode: 404, title: "Not found");
        return Pages.Message(404, "Page not found", "There is no page at this address.",
            nextStep: "Open the app again from your health record or patient portal, or see the list of materials at /materials/en.");
    }
}
