using System.Text.Json;
using MbcFhirEdu.Sandbox;

namespace MbcFhirEdu.Web.Infrastructure.Warmup;

/// <summary>
/// The warm-up's input: the sandbox's synthetic records (invented people, embedded in the sandbox assembly, which ships
/// with the app whether or not the sandbox is hosted), each as the body of a <c>patient-view</c> call with a full
/// prefetch. Seventeen records of different shapes (code systems, components, reports, languages, a deceased patient)
/// reach far more of the reading, extraction and matching code than one made-up record: with a single small record the
/// first real call still compiled about 1,350 methods (docs/performance.md, "Cold start").
/// </summary>
internal static class WarmupRecords
{
    private const string Prefix = "MbcFhirEdu.Sandbox.Data.Bundle-";

    /// <summary>One request body per embedded record, in name order.</summary>
    public static IEnumerable<byte[]> RequestBodies()
    {
        var assembly = typeof(SandboxFaults).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var bundle = JsonDocument.Parse(stream);
            yield return RequestBody(bundle.RootElement);
        }
    }

    /// <summary>
    /// A patient-view body for a searchset or collection Bundle of one patient: the Patient, and its Conditions,
    /// Observations and DiagnosticReports as the searchset Bundles an EHR would prefetch (every Observation goes under
    /// <c>labs</c>, so every Observation shape is read).
    /// </summary>
    public static byte[] RequestBody(JsonElement bundle)
    {
        var resources = bundle.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource")).ToList();
        var patient = resources.First(r => Type(r) == "Patient");
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("hook", "patient-view");
            writer.WriteString("hookInstance", "warm-up");
            writer.WriteStartObject("context");
            writer.WriteString("userId", "Practitioner/warm-up");
            writer.WriteString("patientId", patient.GetProperty("id").GetString());
            writer.WriteEndObject();
            writer.WriteStartObject("prefetch");
            writer.WritePropertyName("patient");
            patient.WriteTo(writer);
            foreach (var (key, type) in new[] { ("conditions", "Condition"), ("labs", "Observation"), ("reports", "DiagnosticReport") })
            {
                writer.WriteStartObject(key);
                writer.WriteString("resourceType", "Bundle");
                writer.WriteString("type", "searchset");
                writer.WriteStartArray("entry");
                foreach (var resource in resources.Where(r => Type(r) == type))
                {
                    writer.WriteStartObject();
                    writer.WritePropertyName("resource");
                    resource.WriteTo(writer);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static string? Type(JsonElement resource) =>
        resource.TryGetProperty("resourceType", out var type) ? type.GetString() : null;
}
