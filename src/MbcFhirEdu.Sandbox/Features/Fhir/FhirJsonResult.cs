using Microsoft.AspNetCore.Http.Metadata;

namespace MbcFhirEdu.Sandbox.Features.Fhir;

/// <summary>A FHIR JSON response (<c>application/fhir+json</c>) with optional headers such as Location.</summary>
internal sealed class FhirJsonResult(int statusCode, ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, string>? headers = null)
    : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IEndpointMetadataProvider
{
    public const string MediaType = "application/fhir+json";

    public int? StatusCode => statusCode;
    public string ContentType => MediaType + "; charset=utf-8";

    /// <summary>The resource written by Firely's serializer.</summary>
    public static FhirJsonResult Resource(Hl7.Fhir.Model.Resource resource, int statusCode = StatusCodes.Status200OK, IReadOnlyDictionary<string, string>? headers = null) =>
        new(statusCode, SandboxFhirJson.SerializeToUtf8Bytes(resource), headers);

    public static FhirJsonResult Resource(StoredResource resource, int statusCode = StatusCodes.Status200OK, IReadOnlyDictionary<string, string>? headers = null) =>
        Resource(resource.Resource, statusCode, headers);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = ContentType;
        if (headers is not null)
            foreach (var (name, value) in headers) httpContext.Response.Headers[name] = value;
        await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
    }

    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(void), [MediaType]));
}
