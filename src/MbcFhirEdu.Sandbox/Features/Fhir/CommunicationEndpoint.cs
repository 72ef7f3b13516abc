using System.Net.Http.Headers;
using System.Text.Json;
using Hl7.Fhir.Model;
using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.AspNetCore.Http.Features;

namespace MbcFhirEdu.Sandbox.Features.Fhir;

/// <summary><c>POST {prefix}/fhir/Communication</c>, with conditional create through
/// <c>If-None-Exist: identifier=system|value</c> (FHIR R4 §3.1.0.8.1).</summary>
internal static class CommunicationEndpoint
{
    public const int MaxBodyBytes = 256 * 1024;

    public static async Task<FhirJsonResult> CreateAsync(HttpContext context, CommunicationStore store, ILogger<CommunicationStore> logger, CancellationToken cancellationToken)
    {
        var decision = AccessDecision.Decide(context.Features.GetRequiredFeature<FhirAccess>(), "Communication", 'c');
        if (decision.Denied is { } denied) return Forbid(logger, denied);
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType) || mediaType.MediaType is not (FhirJsonResult.MediaType or "application/json"))
            return OperationOutcomes.Create(StatusCodes.Status415UnsupportedMediaType, "not-supported", "send application/fhir+json");
        if (context.Request.ContentLength > MaxBodyBytes) return TooLarge();

        var body = await ReadLimitedAsync(context.Request.Body, cancellationToken);
        if (body is null) return TooLarge();
        // Where the JSON broke, never what it held: the body may carry PHI and the diagnostics go back to the caller.
        try { using var _ = JsonDocument.Parse(body); }
        catch (JsonException problem) { return OperationOutcomes.Invalid($"the body is not valid JSON (line {problem.LineNumber + 1}, position {problem.BytePositionInLine + 1})"); }
        Resource posted;
        try { posted = SandboxFhirJson.Read(body); }
        catch (JsonException) { return OperationOutcomes.Invalid("the body is not a FHIR resource (no known resourceType)"); }
        if (posted is not Communication resource) return OperationOutcomes.Invalid("the body must be a Communication resource");
        // Tolerant reading keeps a status Firely does not know as the element's text; only a missing one is refused.
        if (resource.StatusElement?.JsonValue is not string) return OperationOutcomes.Invalid("Communication.status is required");

        var patient = resource.Subject?.Reference is { } subject ? FhirReference.PatientId(subject) : null;
        if (decision.CompartmentPatientId is { } compartment && patient != compartment)
            return Forbid(logger, "Communication.subject must be the patient in the token's context");

        string? ifNoneExist = context.Request.Headers["If-None-Exist"];
        string? identifier = null;
        if (!string.IsNullOrEmpty(ifNoneExist))
        {
            if (!ifNoneExist.StartsWith("identifier=", StringComparison.Ordinal) || ifNoneExist.Contains('&'))
                return OperationOutcomes.Invalid("If-None-Exist supports only identifier=system|value");
            identifier = Uri.UnescapeDataString(ifNoneExist["identifier=".Length..]);
        }

        var result = store.Create(resource, identifier);
        var urls = SandboxUrls.From(context);
        switch (result.Status)
        {
            case CreateStatus.Created:
                logger.CommunicationStored(result.Resource!.Id, "created");
                return FhirJsonResult.Resource(result.Resource, StatusCodes.Status201Created, new Dictionary<string, string>
                {
                    ["Location"] = $"{urls.FhirBase}/Communication/{result.Resource.Id}/_history/1",
                    ["ETag"] = "W/\"1\"",
                });
            case CreateStatus.Existing:
                logger.CommunicationStored(result.Resource!.Id, "matched by If-None-Exist");
                return FhirJsonResult.Resource(result.Resource);
            case CreateStatus.MultipleMatches:
                return OperationOutcomes.Create(StatusCodes.Status412PreconditionFailed, "duplicate", "If-None-Exist matches more than one Communication");
            default:
                return OperationOutcomes.Create(StatusCodes.Status507InsufficientStorage, "too-costly", $"the sandbox keeps at most {CommunicationStore.Capacity} Communications");
        }
    }

    private static async Task<byte[]?> ReadLimitedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static FhirJsonResult TooLarge() =>
        OperationOutcomes.Create(StatusCodes.Status413PayloadTooLarge, "too-costly", $"the body exceeds {MaxBodyBytes} bytes");

    private static FhirJsonResult Forbid(ILogger logger, string reason)
    {
        logger.FhirDenied(StatusCodes.Status403Forbidden, "Communication", reason);
        return OperationOutcomes.Forbidden(reason);
    }
}
