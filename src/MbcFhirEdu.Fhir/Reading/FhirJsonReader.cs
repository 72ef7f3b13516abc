using System.Text.Json;
using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Reading;

/// <summary>
/// Tolerant FHIR R4 JSON reader (json.html): maps a parsed <see cref="JsonElement"/> to the model by hand,
/// checking each value's kind first. Unknown elements are ignored, missing ones are fine, and STU3/DSTU2
/// shapes are accepted with a warning ("Type/id: field …"). It never throws for bad content.
/// </summary>
public static class FhirJsonReader
{
    /// <summary>
    /// Reads one resource. Returns null (with a warning) when the value is not a resource, and null without
    /// one for resource types outside the model (they are simply not needed).
    /// </summary>
    public static Resource? ReadResource(JsonElement element, ICollection<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        var type = ResourceTypeOf(element);
        if (type is null)
        {
            warnings.Add("a JSON value without resourceType is not a FHIR resource; ignored");
            return null;
        }
        return Read(element, new ReadContext(type, IdOf(element), warnings));
    }

    /// <summary>True for the resource types this reader models (Communication is write-only).</summary>
    public static bool IsModelled(string resourceType) => resourceType is
        "Patient" or "Condition" or "Observation" or "DiagnosticReport" or "OperationOutcome" or "Bundle";

    /// <summary>The resourceType of an object, or null when it has none.</summary>
    public static string? ResourceTypeOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("resourceType"u8, out var type) && type.ValueKind == JsonValueKind.String
            ? type.GetString()
            : null;

    internal static string? IdOf(JsonElement element) =>
        element.TryGetProperty("id"u8, out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    internal static Resource? Read(JsonElement e, ReadContext context) => context.ResourceType switch
    {
        "Observation" => ObservationReader.Read(e, context),
        "Condition" => ConditionReader.Read(e, context),
        "Patient" => PatientReader.Read(e, context),
        "DiagnosticReport" => DiagnosticReportReader.Read(e, context),
        "OperationOutcome" => OperationOutcomeReader.Read(e, context),
        "Bundle" => BundleReader.Read(e, context),
        _ => null,
    };
}
