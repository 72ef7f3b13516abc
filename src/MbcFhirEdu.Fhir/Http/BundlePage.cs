using System.Text.Json;
using Hl7.Fhir.Model;

namespace MbcFhirEdu.Fhir.Http;

/// <summary>One searchset Bundle page: its resources, its <c>next</c> link and any OperationOutcome warnings.</summary>
internal sealed record BundlePage(IReadOnlyList<JsonElement> Resources, Uri? Next, IReadOnlyList<FhirProblem> Warnings)
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 128 };

    /// <summary>Null when the body is not a JSON Bundle.</summary>
    /// <remarks>
    /// Parsed once into a document that owns its memory (not pooled, nothing to dispose), so the per-resource
    /// <see cref="JsonElement.Clone"/> below returns the element itself instead of copying each resource again.
    /// </remarks>
    public static BundlePage? Read(byte[] body, Uri pageUrl) => Read(JsonElement.Parse(body, Options), pageUrl);

    /// <summary>
    /// Null when <paramref name="root"/> is not a Bundle; resources are cloned, so a disposable document may be disposed
    /// (a clone of a clone, or of an element from <see cref="JsonElement.Parse(ReadOnlySpan{byte}, JsonDocumentOptions)"/>, costs nothing).
    /// </summary>
    public static BundlePage? Read(JsonElement root, Uri? pageUrl)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("resourceType", out var type) || type.ValueKind != JsonValueKind.String || !type.ValueEquals("Bundle")) return null;

        var resources = new List<JsonElement>();
        var warnings = new List<FhirProblem>();
        if (root.TryGetProperty("entry", out var entries) && entries.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in entries.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("resource", out var resource) || resource.ValueKind != JsonValueKind.Object) continue;
                // Only the issue codes (a fixed FHIR value set) go into the warning: diagnostics text could carry anything.
                if (IsOutcome(entry, resource))
                    warnings.Add(new FhirProblem(FhirProblemKind.ServerWarning, "The server added a warning to the results: " + OutcomeText.Codes(FhirPocoJson.Read<OperationOutcome>(resource))));
                else resources.Add(resource.Clone());
            }
        }
        return new BundlePage(resources, NextLink(root, pageUrl), warnings);
    }

    private static bool IsOutcome(JsonElement entry, JsonElement resource) =>
        (entry.TryGetProperty("search", out var search) && search.ValueKind == JsonValueKind.Object
            && search.TryGetProperty("mode", out var mode) && mode.ValueKind == JsonValueKind.String && mode.ValueEquals("outcome"))
        || (resource.TryGetProperty("resourceType", out var type) && type.ValueKind == JsonValueKind.String && type.ValueEquals("OperationOutcome"));

    private static Uri? NextLink(JsonElement root, Uri? pageUrl)
    {
        if (!root.TryGetProperty("link", out var links) || links.ValueKind != JsonValueKind.Array) return null;
        foreach (var link in links.EnumerateArray())
        {
            if (link.ValueKind != JsonValueKind.Object) continue;
            if (!link.TryGetProperty("relation", out var relation) || relation.ValueKind != JsonValueKind.String || !relation.ValueEquals("next")) continue;
            if (!link.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String) return null;
            return pageUrl is not null && Uri.TryCreate(pageUrl, url.GetString(), out var next) ? next
                : Uri.TryCreate(url.GetString(), UriKind.Absolute, out var absolute) ? absolute : null;
        }
        return null;
    }
}
