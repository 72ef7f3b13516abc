using System.Runtime.InteropServices;
using System.Text.Json;
using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Reading;

/// <summary>
/// Tolerant FHIR R4 JSON reader (json.html): one forward pass with <see cref="Utf8JsonReader"/>, checking each
/// value's kind before reading it. Unknown elements are skipped, missing ones are fine, and STU3/DSTU2 shapes
/// are accepted with a warning ("Type/id: field …"). It never throws for bad content.
/// </summary>
public static class FhirJsonReader
{
    /// <summary>Reads one resource from a parsed element (e.g. a FHIR server response held as a <see cref="JsonDocument"/>).</summary>
    /// <returns>The resource; null (with a warning) when the value is not a resource, and null without one for
    /// resource types outside the model, which the service does not need.</returns>
    public static Resource? ReadResource(JsonElement element, ICollection<string> warnings) =>
        element.ValueKind == JsonValueKind.Object
            ? ReadResource(JsonMarshal.GetRawUtf8Value(element), warnings)
            : NotAResource(warnings);

    /// <summary>Reads one resource from UTF-8 JSON; invalid JSON gives null and a warning.</summary>
    public static Resource? ReadResource(ReadOnlySpan<byte> utf8Json, ICollection<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        var reader = new Utf8JsonReader(utf8Json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || PeekResourceType(reader) is not { } type)
                return NotAResource(warnings);
            // One resource repeats few strings; a small pool is enough.
            var context = new ReadContext(type, new StringPool(capacity: 16));
            var resource = Read(ref reader, context);
            foreach (var warning in context.Warnings()) warnings.Add(warning);
            return resource;
        }
        catch (JsonException)
        {
            warnings.Add("the value is not valid JSON; ignored");
            return null;
        }
    }

    /// <summary>True for the resource types this reader models (Communication is write-only).</summary>
    public static bool IsModelled(string resourceType) => resourceType is
        "Patient" or "Condition" or "Observation" or "DiagnosticReport" or "OperationOutcome" or "Bundle";

    /// <summary>
    /// The resourceType of the object the reader is on, read from a copy so the reader does not move.
    /// Cheap when resourceType is the first member (as FHIR servers write it); otherwise the object is scanned.
    /// </summary>
    internal static string? PeekResourceType(Utf8JsonReader probe)
    {
        while (probe.Read() && probe.TokenType == JsonTokenType.PropertyName)
        {
            var isType = probe.ValueTextEquals("resourceType"u8);
            probe.Read();
            if (isType) return probe.TokenType == JsonTokenType.String ? TypeName(ref probe) : null;
            probe.Skip();
        }
        return null;
    }

    // The modelled type names come back as constants, so reading a resource does not allocate its type name.
    private static string? TypeName(ref Utf8JsonReader probe)
    {
        if (probe.ValueTextEquals("Observation"u8)) return "Observation";
        if (probe.ValueTextEquals("Condition"u8)) return "Condition";
        if (probe.ValueTextEquals("Patient"u8)) return "Patient";
        if (probe.ValueTextEquals("DiagnosticReport"u8)) return "DiagnosticReport";
        if (probe.ValueTextEquals("Bundle"u8)) return "Bundle";
        if (probe.ValueTextEquals("OperationOutcome"u8)) return "OperationOutcome";
        return probe.GetString();
    }

    /// <summary>Reads the resource the reader is on (leaving it on the closing brace); null, skipped, for unmodelled types.</summary>
    internal static Resource? Read(ref Utf8JsonReader reader, ReadContext context)
    {
        switch (context.ResourceType)
        {
            case "Observation": return ObservationReader.Read(ref reader, context);
            case "Condition": return ConditionReader.Read(ref reader, context);
            case "Patient": return PatientReader.Read(ref reader, context);
            case "DiagnosticReport": return DiagnosticReportReader.Read(ref reader, context);
            case "OperationOutcome": return OperationOutcomeReader.Read(ref reader, context);
            case "Bundle": return BundleReader.Read(ref reader, context);
            default:
                reader.Skip();
                return null;
        }
    }

    private static Resource? NotAResource(ICollection<string> warnings)
    {
        warnings.Add("a JSON value without resourceType is not a FHIR resource; ignored");
        return null;
    }
}
