using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace MbcFhirEdu.Fhir.WriteBack;

/// <summary>
/// How the service writes FHIR R4 JSON: Firely's System.Text.Json converters (<c>ForFhir</c>), strict, so a POCO that
/// breaks FHIR's JSON rules fails here rather than in the EHR. One instance: the options cache type metadata after
/// first use and are immutable from then on, so they are shared by every request.
/// </summary>
public static class FhirJsonOutput
{
    public static JsonSerializerOptions Options { get; } = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    /// <summary>The resource as UTF-8 FHIR JSON.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Firely's converters resolve FHIR types through its ModelInspector.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "The service is not compiled ahead of time.")]
    public static byte[] SerializeToUtf8Bytes(Resource resource) => JsonSerializer.SerializeToUtf8Bytes(resource, Options);

    /// <summary>Writes the resource to <paramref name="stream"/> as UTF-8 FHIR JSON.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Firely's converters resolve FHIR types through its ModelInspector.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "The service is not compiled ahead of time.")]
    public static System.Threading.Tasks.Task WriteAsync(Stream stream, Resource resource, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(stream, resource, Options, cancellationToken);
}
