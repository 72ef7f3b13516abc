using System.Text.Json;
using System.Text.Json.Serialization;

namespace MbcFhirEdu.Web.Features.CdsHooks;

/// <summary>
/// Source-generated JSON metadata for what every CDS call writes (the response and the SMART link's appContext), so
/// the serializer neither reflects over these types nor emits code for them at run time (the first call after a start
/// paid for both). <see cref="CdsResponse.Json"/> falls back to reflection for the other types it serializes.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CdsResponse))]
[JsonSerializable(typeof(CdsAppContext))]
internal sealed partial class CdsJsonContext : JsonSerializerContext;

/// <summary>The <c>appContext</c> of the card's SMART link: <c>{"materials": [ids]}</c>.</summary>
internal sealed record CdsAppContext(IReadOnlyList<string> Materials);
