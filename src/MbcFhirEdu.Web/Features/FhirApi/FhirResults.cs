using MbcFhirEdu.Fhir.Model;
using MbcFhirEdu.Fhir.Serialization;

namespace MbcFhirEdu.Web.Features.FhirApi;

/// <summary>FHIR responses: a resource as <c>application/fhir+json</c> through the source-generated writer, and errors as OperationOutcome.</summary>
internal static class FhirResults
{
    public const string ContentType = "application/fhir+json; charset=utf-8";

    public static IResult Resource(Resource resource, int statusCode = StatusCodes.Status200OK) => new ResourceResult(resource, statusCode);

    /// <summary>An OperationOutcome with one issue (severity error; <paramref name="code"/> from the IssueType value set).</summary>
    public static IResult Outcome(int statusCode, string code, string diagnostics) => new ResourceResult(new OperationOutcome
    {
        Issue = [new OperationOutcomeIssue { Severity = "error", Code = code, Diagnostics = diagnostics }],
    }, statusCode);

    private sealed class ResourceResult(Resource resource, int statusCode) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.ContentType = ContentType;
            httpContext.Response.Headers.CacheControl = "no-store";
            return FhirJsonWriter.WriteAsync(httpContext.Response.Body, resource, httpContext.RequestAborted);
        }
    }
}
