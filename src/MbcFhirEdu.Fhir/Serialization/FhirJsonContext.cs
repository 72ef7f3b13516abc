using System.Text.Json.Serialization;
using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Serialization;

/// <summary>
/// Source-generated serialisation metadata for the FHIR model (FHIR R4 JSON, json.html): camelCase
/// element names, null elements omitted. Use <see cref="FhirJsonWriter"/>, which also omits empty arrays
/// (FHIR forbids them) and always writes through <see cref="Resource"/> so <c>resourceType</c> comes first.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Resource))]
[JsonSerializable(typeof(Patient))]
[JsonSerializable(typeof(Condition))]
[JsonSerializable(typeof(Observation))]
[JsonSerializable(typeof(DiagnosticReport))]
[JsonSerializable(typeof(Bundle))]
[JsonSerializable(typeof(OperationOutcome))]
[JsonSerializable(typeof(Communication))]
[JsonSerializable(typeof(AuditEvent))]
[JsonSerializable(typeof(DocumentReference))]
public sealed partial class FhirJsonContext : JsonSerializerContext;
