using System.Text.Json;
using MbcFhirEdu.Fhir.Reading;
using MbcFhirEdu.Fhir.Resources;

namespace MbcFhirEdu.Fhir.Input;

/// <summary>
/// Feeds resources into a <see cref="ResourceSet"/>, walking Bundles of any type (bundle.html), nested ones
/// included, so each entry's resource is read with its own warnings. Counts resources against the limit.
/// </summary>
internal sealed class ResourceCollector(ResourceSet set, FhirReadLimits limits)
{
    private int _count;

    /// <summary>Adds one resource (recursing into a Bundle). False when <see cref="FhirReadLimits.MaxResources"/> is exceeded.</summary>
    public bool TryAdd(JsonElement resource, string resourceType, string? fullUrl)
    {
        if (++_count > limits.MaxResources) return false;
        if (resourceType == "Bundle") return TryAddEntries(resource);
        if (!FhirJsonReader.IsModelled(resourceType)) return true;
        var warnings = new List<string>();
        var read = FhirJsonReader.Read(resource, new ReadContext(resourceType, FhirJsonReader.IdOf(resource), warnings));
        if (read is not null) set.Add(read, fullUrl, warnings.Count == 0 ? [] : warnings);
        return true;
    }

    private bool TryAddEntries(JsonElement bundle)
    {
        if (!bundle.TryGetProperty("entry"u8, out var entries)) return true;
        var label = FhirJsonReader.IdOf(bundle) is { } id ? "Bundle/" + id : "Bundle (no id)";
        if (entries.ValueKind != JsonValueKind.Array)
        {
            set.AddWarning($"{label}: entry is a JSON {JsonValues.Kind(entries)}, expected an array; ignored");
            return true;
        }
        var index = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            index++;
            // Entries without a resource are legitimate (history DELETEs, transaction responses).
            if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("resource"u8, out var resource)) continue;
            var type = FhirJsonReader.ResourceTypeOf(resource);
            if (type is null)
            {
                set.AddWarning($"{label}: entry {index} has a resource without resourceType; skipped");
                continue;
            }
            var fullUrl = entry.TryGetProperty("fullUrl"u8, out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null;
            if (!TryAdd(resource, type, fullUrl)) return false;
        }
        return true;
    }
}
