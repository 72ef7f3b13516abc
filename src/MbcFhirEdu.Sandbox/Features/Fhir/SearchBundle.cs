using System.Text.Json;

namespace MbcFhirEdu.Sandbox.Features.Fhir;

/// <summary>Writes a <c>searchset</c> Bundle with <c>total</c>, <c>self</c> and <c>next</c> links (FHIR R4 §3.1.1.5 paging).</summary>
internal static class SearchBundle
{
    public static FhirJsonResult Create(string fhirBase, SearchRequest search, IReadOnlyList<StoredResource> matches, DateTimeOffset now)
    {
        var start = search.After is null ? 0 : CountUpTo(matches, search.After);
        var page = matches.Skip(start).Take(search.Count).ToList();
        var hasNext = search.Count > 0 && start + page.Count < matches.Count;
        return FhirJsonResult.Write(StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteString("resourceType", "Bundle");
            w.WriteString("id", Guid.NewGuid().ToString());
            w.WriteStartObject("meta");
            w.WriteString("lastUpdated", now.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz"));
            w.WriteEndObject();
            w.WriteString("type", "searchset");
            w.WriteNumber("total", matches.Count);
            w.WriteStartArray("link");
            WriteLink(w, "self", Url(fhirBase, search, search.After));
            if (hasNext) WriteLink(w, "next", Url(fhirBase, search, page[^1].Id));
            w.WriteEndArray();
            w.WriteStartArray("entry");
            foreach (var resource in page)
            {
                w.WriteStartObject();
                w.WriteString("fullUrl", $"{fhirBase}/{resource.Reference}");
                w.WritePropertyName("resource");
                resource.Json.WriteTo(w);
                w.WriteStartObject("search");
                w.WriteString("mode", "match");
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>Index of the first entry sorting after <paramref name="afterId"/> (entries are ordered by id).</summary>
    private static int CountUpTo(IReadOnlyList<StoredResource> matches, string afterId)
    {
        var index = 0;
        while (index < matches.Count && string.CompareOrdinal(matches[index].Id, afterId) <= 0) index++;
        return index;
    }

    private static string Url(string fhirBase, SearchRequest search, string? afterId)
    {
        var query = search.Parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}")
            .Append($"_count={search.Count}");
        if (afterId is not null) query = query.Append($"{SearchRequest.PageParameter}={SearchRequest.EncodePage(afterId)}");
        return $"{fhirBase}/{search.ResourceType}?{string.Join('&', query)}";
    }

    private static void WriteLink(Utf8JsonWriter w, string relation, string url)
    {
        w.WriteStartObject();
        w.WriteString("relation", relation);
        w.WriteString("url", url);
        w.WriteEndObject();
    }
}
