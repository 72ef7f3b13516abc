using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Serialization;

/// <summary>
/// Strict FHIR R4 JSON writer (json.html): emits only modelled elements, <c>resourceType</c> first,
/// camelCase, no nulls and no empty arrays.
/// </summary>
public static class FhirJsonWriter
{
    // Built once and frozen by first use; JsonSerializerOptions is immutable after that, so this is shared read-only state.
    private static readonly JsonSerializerOptions Options = new(FhirJsonContext.Default.Options)
    {
        TypeInfoResolver = FhirJsonContext.Default.WithAddedModifier(OmitEmptyArrays),
    };

    private static readonly JsonTypeInfo<Resource> ResourceInfo = (JsonTypeInfo<Resource>)Options.GetTypeInfo(typeof(Resource));

    /// <summary>The resource as a FHIR JSON string.</summary>
    public static string Serialize(Resource resource) => JsonSerializer.Serialize(resource, ResourceInfo);

    /// <summary>The resource as UTF-8 FHIR JSON.</summary>
    public static byte[] SerializeToUtf8Bytes(Resource resource) => JsonSerializer.SerializeToUtf8Bytes(resource, ResourceInfo);

    /// <summary>Writes the resource to <paramref name="stream"/> as UTF-8 FHIR JSON.</summary>
    public static Task WriteAsync(Stream stream, Resource resource, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(stream, resource, ResourceInfo, cancellationToken);

    // FHIR JSON: "arrays SHALL NOT be empty" (json.html#arrays). The model defaults lists to empty.
    private static void OmitEmptyArrays(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            if (property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
                property.ShouldSerialize = static (_, value) => value is not ICollection { Count: 0 };
        }
    }
}
