using System.Text.Json;
using Hl7.Fhir.Model;

namespace MbcFhirEdu.Sandbox.Features.Fhir;

/// <summary>
/// One resource held by the sandbox: the Firely POCO it serves and, for search matching, the JSON Firely writes for it
/// (so a search matches exactly what is served). Never changed once stored, so safe to read from many threads.
/// </summary>
/// <param name="PatientId">The patient it belongs to: its own id for a Patient, else its <c>subject</c>.</param>
internal sealed record StoredResource(string ResourceType, string Id, Resource Resource, JsonElement Json, string? PatientId)
{
    public string Reference => $"{ResourceType}/{Id}";

    /// <summary>A resource from the data files, read through Firely.</summary>
    public static StoredResource From(JsonElement resource) => From(SandboxFhirJson.Read(JsonSerializer.SerializeToUtf8Bytes(resource)));

    public static StoredResource From(Resource resource)
    {
        var id = resource.Id is { Length: > 0 } value ? value : throw new JsonException($"{resource.TypeName} without an id");
        var json = SandboxFhirJson.SerializeToElement(resource);
        var patient = resource is Patient ? id : SubjectPatientId(json);
        return new StoredResource(resource.TypeName, id, resource, json, patient);
    }

    // Read from the JSON: "subject" is not one element of a common base type across the POCOs.
    private static string? SubjectPatientId(JsonElement resource) =>
        resource.TryGetProperty("subject", out var subject)
        && subject.TryGetProperty("reference", out var reference)
        && reference.GetString() is { } value
            ? FhirReference.PatientId(value)
            : null;
}
