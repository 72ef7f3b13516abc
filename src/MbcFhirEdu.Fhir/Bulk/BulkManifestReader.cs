using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MbcFhirEdu.Fhir.Smart;

namespace MbcFhirEdu.Fhir.Bulk;

/// <summary>
/// Reads the complete-status manifest (Bulk Data Access 2.0: <c>transactionTime</c>, <c>request</c>,
/// <c>requiresAccessToken</c>, <c>output</c>, <c>error</c>) with System.Text.Json into our records, and checks every
/// file URL: absolute, http(s), on an allowed origin. A manifest naming a file anywhere else is refused as a whole —
/// its token would otherwise be sent to, or its data read from, a host nobody configured.
/// </summary>
internal static class BulkManifestReader
{
    public static BulkExportManifest Read(ReadOnlySpan<byte> json, Uri statusUrl, IssuerAllowList allowList)
    {
        ManifestJson? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(json, BulkJsonContext.Default.ManifestJson);
        }
        catch (JsonException ex)
        {
            throw Bad(statusUrl, $"not a manifest: {ex.Message}");
        }
        if (manifest is null) throw Bad(statusUrl, "the body is JSON null");
        if (manifest.TransactionTime is not { } time
            || !time.Contains('T', StringComparison.Ordinal)
            || !DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.None, out var transactionTime))
            throw Bad(statusUrl, "transactionTime is missing or not a FHIR instant");
        if (manifest.RequiresAccessToken is not { } requiresToken) throw Bad(statusUrl, "requiresAccessToken is missing");

        return new BulkExportManifest(statusUrl, transactionTime, requiresToken,
            Files(manifest.Output, "output", statusUrl, allowList), Files(manifest.Error, "error", statusUrl, allowList));
    }

    private static List<BulkExportFile> Files(List<FileJson?>? entries, string array, Uri statusUrl, IssuerAllowList allowList)
    {
        var files = new List<BulkExportFile>(entries?.Count ?? 0);
        for (var i = 0; i < (entries?.Count ?? 0); i++)
        {
            var entry = entries![i] ?? throw Bad(statusUrl, $"{array}[{i}] is null");
            if (string.IsNullOrWhiteSpace(entry.Type) || entry.Type.Length > 64 || !entry.Type.All(char.IsAsciiLetter))
                throw Bad(statusUrl, $"{array}[{i}].type is missing or not a resource type");
            // On Unix "/files/x" parses as an absolute file: URI, so the scheme is checked too.
            if (!Uri.TryCreate(entry.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
                throw Bad(statusUrl, $"{array}[{i}].url is missing or not an absolute http(s) URL");
            if (!allowList.IsAllowedUrl(url))
                throw new BulkExportException("manifest", statusUrl, "refused",
                    $"{array}[{i}].url is on {IssuerAllowList.OriginOf(url)}, which is not an allowed origin (Smart:AllowedIssuers)");
            if (entry.Count is < 0) throw Bad(statusUrl, $"{array}[{i}].count is negative");
            files.Add(new BulkExportFile(entry.Type, url, entry.Count));
        }
        return files;
    }

    private static BulkExportException Bad(Uri statusUrl, string what) => new("manifest", statusUrl, "unreadable", what);

    internal sealed record ManifestJson(
        [property: JsonPropertyName("transactionTime")] string? TransactionTime,
        [property: JsonPropertyName("requiresAccessToken")] bool? RequiresAccessToken,
        [property: JsonPropertyName("output")] List<FileJson?>? Output,
        [property: JsonPropertyName("error")] List<FileJson?>? Error);

    internal sealed record FileJson(
        [property: JsonPropertyName("type")] string? Type,
        [property: JsonPropertyName("url")] string? Url,
        [property: JsonPropertyName("count")] long? Count);
}

/// <summary>Source-generated System.Text.Json metadata for the manifest (no reflection).</summary>
[JsonSourceGenerationOptions(AllowTrailingCommas = false, ReadCommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16)]
[JsonSerializable(typeof(BulkManifestReader.ManifestJson))]
internal sealed partial class BulkJsonContext : JsonSerializerContext;
