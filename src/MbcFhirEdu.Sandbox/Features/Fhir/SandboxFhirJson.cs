using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace MbcFhirEdu.Sandbox.Features.Fhir;

/// <summary>
/// The sandbox's FHIR JSON, through Firely: strict when writing (what it serves is R4), tolerant when reading (what
/// apps POST, like a real EHR, is kept as far as it can be: mode BackwardsCompatible, as the app's own reader). Each
/// options instance is built once and shared: they cache type metadata and are immutable after first use.
/// </summary>
internal static class SandboxFhirJson
{
    private static readonly JsonSerializerOptions Output = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    private static readonly JsonSerializerOptions Input =
        new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector).UsingMode(DeserializationMode.BackwardsCompatible);

    public static byte[] SerializeToUtf8Bytes(Resource resource) => JsonSerializer.SerializeToUtf8Bytes(resource, Output);

    /// <summary>Writes one resource into <paramref name="writer"/> (Bulk Data NDJSON lines).</summary>
    public static void Serialize(Utf8JsonWriter writer, Resource resource) => JsonSerializer.Serialize(writer, resource, Output);

    public static JsonElement SerializeToElement(Resource resource) => JsonSerializer.SerializeToElement(resource, Output);

    /// <summary>
    /// Reads one resource tolerantly: what Firely could keep, also when it reported problems. Throws
    /// <see cref="JsonException"/> for text that is not JSON or JSON that is not a FHIR resource.
    /// </summary>
    public static Resource Read(ReadOnlySpan<byte> json)
    {
        Resource? resource;
        try
        {
            resource = JsonSerializer.Deserialize<Resource>(json, Input);
        }
        catch (DeserializationFailedException failed)
        {
            resource = failed.PartialResult as Resource;
        }
        // Without a known resourceType Firely may still hand back a nameless partial resource: that is not FHIR.
        return resource is not null && ModelInfo.IsKnownResource(resource.TypeName)
            ? resource
            : throw new JsonException("not a FHIR resource (no known resourceType)");
    }
}
