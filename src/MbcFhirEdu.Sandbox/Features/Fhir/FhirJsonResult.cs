using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;

namespace MbcFhirEdu.Sandbox.Features.Fhir;

/// <summary>A FHIR JSON response (<c>application/fhir+json</c>) with optional headers such as Location.</summary>
internal sealed class FhirJsonResult(int statusCode, ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, string>? headers = null)
    : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IEndpointMetadataProvider
{
    public const string MediaType = "application/fhir+json";

    public int? StatusCode => statusCode;
    public string ContentType => MediaType + "; charset=utf-8";

    public static FhirJsonResult Write(int statusCode, Action<Utf8JsonWriter> write, IReadOnlyDictionary<string, string>? headers = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        // Relaxed escaping keeps non-ASCII text (e.g. Spanish) readable; the media type is JSON, never HTML.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping })) write(writer);
        return new FhirJsonResult(statusCode, buffer.WrittenMemory, headers);
    }

    public static FhirJsonResult Resource(StoredResource resource, int statusCode = StatusCodes.Status200OK, IReadOnlyDictionary<string, string>? headers = null) =>
        Write(statusCode, resource.Json.WriteTo, headers);

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
