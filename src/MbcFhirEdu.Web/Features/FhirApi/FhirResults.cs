using Hl7.Fhir.Model;
using MbcFhirEdu.Fhir.WriteBack;

namespace MbcFhirEdu.Web.Features.FhirApi;

/// <summary>FHIR responses: a Firely resource as <c>application/fhir+json</c> through Firely's serializer, and errors as OperationOutcome.</summary>
internal static class FhirResults
{
    public const string ContentType = "application/fhir+json; charset=utf-8";

    public static IResult Resource(Resource resource, int statusCode = StatusCodes.Status200OK) => new ResourceResult(resource, statusCode);

    /// <summary>An OperationOutcome with one issue of severity error.</summary>
    public static IResult Outcome(int statusCode, OperationOutcome.IssueType code, string diagnostics) => new ResourceResult(new OperationOutcome
    {
        Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = code, Diagnostics = diagnostics }],
    }, statusCode);

    private sealed class ResourceResult(Resource resource, int statusCode) : IResult
    {
        public System.Threading.Tasks.Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.ContentType = ContentType;
            httpContext.Response.Headers.CacheControl = "no-store";
            return FhirJsonOutput.WriteAsync(httpContext.Response.Body, resource, httpContext.RequestAborted);
        }
    }
}
