using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace MbcFhirEdu.Fhir.WriteBack;

/// <summary>
/// How the service writes (and reads its own conformance files as) FHIR R4 JSON: Firely's System.Text.Json converters
/// (<c>ForFhir</c>, default strict mode): <c>resourceType</c> first, elements in the specification's order, no nulls and
/// no empty arrays. One instance: the options cache type metadata after first use and are immutable from then on, so
/// every request shares them.
/// </summary>
public static class FhirJsonOutput
{
    public static JsonSerializerOptions Options { get; } = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    /// <summary>The resource as UTF-8 FHIR JSON.</summary>
    public static byte[] SerializeToUtf8Bytes(Resource resource) => JsonSerializer.SerializeToUtf8Bytes(resource, Options);

    /// <summary>Writes the resource to <paramref name="stream"/> as UTF-8 FHIR JSON.</summary>
    public static System.Threading.Tasks.Task WriteAsync(Stream stream, Resource resource, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(stream, resource, Options, cancellationToken);
}
