using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace MbcFhirEdu.Fhir.Http;

/// <summary>
/// Firely's System.Text.Json converters for what the transport itself reads whole (a CapabilityStatement, an
/// OperationOutcome); what the service writes goes through <see cref="WriteBack.FhirJsonOutput"/>. Reading is tolerant (<see cref="DeserializationMode.BackwardsCompatible"/>):
/// what Firely could read is kept even when it reports issues, because a server's error answer or metadata that is
/// slightly off is still worth its readable parts. Record data is not read here: it goes to the reader as JSON.
/// </summary>
internal static class FhirPocoJson
{
    /// <summary>The resource if <paramref name="json"/> is a <typeparamref name="T"/>; null otherwise.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Firely's converters resolve FHIR types through its ModelInspector.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "The service is not compiled ahead of time.")]
    public static T? Read<T>(JsonElement json) where T : Resource =>
        json.ValueKind == JsonValueKind.Object ? Tolerantly<T>(() => JsonSerializer.Deserialize<Resource>(json, Input.FhirJson.Options)) : null;

    /// <summary>As <see cref="Read{T}(JsonElement)"/>, from UTF-8 bytes that may not be JSON at all (an HTML error page).</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Firely's converters resolve FHIR types through its ModelInspector.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "The service is not compiled ahead of time.")]
    public static T? Read<T>(byte[]? json) where T : Resource =>
        json is { Length: > 0 } ? Tolerantly<T>(() => JsonSerializer.Deserialize<Resource>(json, Input.FhirJson.Options)) : null;

    // What Firely could read is kept even when it reports issues; text that is not JSON (or not UTF-8) gives null.
    private static T? Tolerantly<T>(Func<Resource?> deserialize) where T : Resource
    {
        try { return deserialize() as T; }
        catch (DeserializationFailedException failed) { return failed.PartialResult as T; }
        catch (JsonException) { return null; }
    }
}
