using Hl7.Fhir.Model;

namespace MbcFhirEdu.Sandbox.Features.Fhir;

/// <summary>A <c>searchset</c> Bundle (Firely POCO and serializer) with <c>total</c>, <c>self</c> and <c>next</c> links (FHIR R4 §3.1.1.5 paging).</summary>
internal static class SearchBundle
{
    public static FhirJsonResult Create(string fhirBase, SearchRequest search, IReadOnlyList<StoredResource> matches, DateTimeOffset now)
    {
        var start = search.After is null ? 0 : CountUpTo(matches, search.After);
        var page = matches.Skip(start).Take(search.Count).ToList();
        var hasNext = search.Count > 0 && start + page.Count < matches.Count;
        var links = new List<Bundle.LinkComponent> { new() { Relation = "self", Url = Url(fhirBase, search, search.After) } };
        if (hasNext) links.Add(new() { Relation = "next", Url = Url(fhirBase, search, page[^1].Id) });
        return FhirJsonResult.Resource(new Bundle
        {
            Id = Guid.NewGuid().ToString(),
            Meta = new Meta { LastUpdated = now },
            Type = Bundle.BundleType.Searchset,
            Total = matches.Count,
            Link = links,
            Entry = [.. page.Select(resource => new Bundle.EntryComponent
            {
                FullUrl = $"{fhirBase}/{resource.Reference}",
                Resource = resource.Resource,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            })],
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
}
