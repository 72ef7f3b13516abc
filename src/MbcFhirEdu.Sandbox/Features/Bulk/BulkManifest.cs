using System.Text.Json.Serialization;

namespace MbcFhirEdu.Sandbox.Features.Bulk;

/// <summary>The complete-status body of Bulk Data 2.0 (a JSON document, not a FHIR resource).</summary>
internal sealed record BulkManifest(
    [property: JsonPropertyName("transactionTime")] string TransactionTime,
    [property: JsonPropertyName("request")] string Request,
    [property: JsonPropertyName("requiresAccessToken")] bool RequiresAccessToken,
    [property: JsonPropertyName("output")] IReadOnlyList<BulkManifestFile> Output,
    [property: JsonPropertyName("error")] IReadOnlyList<BulkManifestFile> Error)
{
    /// <summary>Bulk Data 2.0 <c>deleted</c>: written only when an export with <c>_since</c> has deletions.</summary>
    [JsonPropertyName("deleted")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<BulkManifestFile>? Deleted { get; init; }
}

internal sealed record BulkManifestFile(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("count")] long Count);
