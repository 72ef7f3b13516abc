using System.Buffers;
using System.Text.Json;
using Resource = Hl7.Fhir.Model.Resource;
using MbcFhirEdu.Sandbox.Features.Fhir;

namespace MbcFhirEdu.Sandbox.Features.Bulk;

/// <summary>
/// An NDJSON file written as it is generated: one resource per line by Firely's serializer straight into the response
/// pipe, flushed every 64 KiB, so a file of any size costs one resource's memory.
/// </summary>
internal sealed class NdjsonResult(IEnumerable<Resource> resources) : IResult
{
    public const string MediaType = "application/fhir+ndjson";
    private const int FlushBytes = 64 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = MediaType;
        var pipe = response.BodyWriter;
        var pending = 0L;
        await using var json = new Utf8JsonWriter(pipe, new JsonWriterOptions { SkipValidation = true });
        foreach (var resource in resources)
        {
            SandboxFhirJson.Serialize(json, resource);
            json.Flush();
            pending += json.BytesCommitted + 1;
            pipe.Write("\n"u8);
            json.Reset();
            if (pending < FlushBytes) continue;
            pending = 0;
            var flushed = await pipe.FlushAsync(httpContext.RequestAborted);
            if (flushed.IsCanceled || flushed.IsCompleted) return;
        }
        await pipe.FlushAsync(httpContext.RequestAborted);
    }
}
