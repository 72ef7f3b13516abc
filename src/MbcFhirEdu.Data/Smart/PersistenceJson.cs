using System.Text.Json.Serialization;
using MbcFhirEdu.Fhir.Smart;

namespace MbcFhirEdu.Data.Smart;

/// <summary>How launch states and sessions are serialised before Data Protection encrypts them.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(LaunchState))]
[JsonSerializable(typeof(SmartSession))]
internal sealed partial class PersistenceJson : JsonSerializerContext;
