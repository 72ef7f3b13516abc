using System.Text.Json.Serialization;

namespace MbcFhirEdu.Sandbox.Features.Bulk;

/// <summary>The complete-status body of Bulk Data 2.0 (a JSON document, not a FHIR resource).</summary>
internal sealed record BulkManifest(
    [property: JsonPropertyName("transactionTime")] string TransactionTime,
    [property: JsonPropertyName("request")] string Request,
    [property: JsonPropertyName("requiresAccessToken")] bool RequiresAccessToken,
    [property: JsonPropertyName("output")] IReadOnlyList<BulkManifestFile> Output,
    [property: JsonPropertyName("error")] IReadOnlyList<BulkManifestFile> Error);

internal sealed record BulkManifestFile(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("count")] long Count);
