using System.Text.Json;

namespace MbcFhirEdu.Sandbox.Features.Fhir;

/// <summary>One resource held by the sandbox, as immutable JSON (safe to read from many threads).</summary>
/// <param name="PatientId">The patient it belongs to: its own id for a Patient, else its <c>subject</c>.</param>
internal sealed record StoredResource(string ResourceType, string Id, JsonElement Json, string? PatientId)
{
    public string Reference => $"{ResourceType}/{Id}";

    public static StoredResource From(JsonElement resource)
    {
        var type = resource.GetProperty("resourceType").GetString() ?? throw new JsonException("resourceType missing");
        var id = resource.GetProperty("id").GetString() ?? throw new JsonException("id missing");
        var patient = type == "Patient" ? id : SubjectPatientId(resource);
        return new StoredResource(type, id, resource, patient);
    }

    private static string? SubjectPatientId(JsonElement resource) =>
        resource.TryGetProperty("subject", out var subject)
        && subject.TryGetProperty("reference", out var reference)
        && reference.GetString() is { } value
            ? FhirReference.PatientId(value)
            : null;
}
