using System.Text.Json;
using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Reading;

/// <summary>
/// Reads a whole Bundle (bundle.html) into the model, entries included. The file reader does not use this:
/// it walks entries itself so each resource keeps its own warnings (see <c>ResourceCollector</c>).
/// </summary>
internal static class BundleReader
{
    public static Bundle Read(JsonElement e, ReadContext context)
    {
        var bundle = new Bundle { Id = context.Id };
        foreach (var p in e.EnumerateObject())
        {
            var v = p.Value;
            if (p.NameEquals("entry"u8)) bundle = bundle with { Entry = JsonValues.List(v, context, "entry", Entry) };
            else if (p.NameEquals("type"u8)) bundle = bundle with { Type = JsonValues.String(v, context, "type") };
            else if (p.NameEquals("total"u8)) bundle = bundle with { Total = JsonValues.Integer(v, context, "total") };
            else if (p.NameEquals("timestamp"u8)) bundle = bundle with { Timestamp = JsonValues.Instant(v, context, "timestamp") };
            else if (p.NameEquals("link"u8)) bundle = bundle with { Link = JsonValues.List(v, context, "link", Link) };
            else if (p.NameEquals("meta"u8)) bundle = bundle with { Meta = DataTypeReader.Meta(v, context, "meta") };
        }
        return bundle;
    }

    private static BundleLink? Link(JsonElement e, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(e, context, name)) return null;
        var link = new BundleLink();
        foreach (var p in e.EnumerateObject())
        {
            if (p.NameEquals("relation"u8)) link = link with { Relation = JsonValues.String(p.Value, context, name, "relation") };
            else if (p.NameEquals("url"u8)) link = link with { Url = JsonValues.String(p.Value, context, name, "url") };
        }
        return link;
    }

    private static BundleEntry? Entry(JsonElement e, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(e, context, name)) return null;
        var entry = new BundleEntry();
        foreach (var p in e.EnumerateObject())
        {
            var v = p.Value;
            if (p.NameEquals("fullUrl"u8)) entry = entry with { FullUrl = JsonValues.String(v, context, name, "fullUrl") };
            else if (p.NameEquals("resource"u8)) entry = entry with { Resource = Resource(v, context) };
            else if (p.NameEquals("search"u8)) entry = entry with { Search = Search(v, context) };
            else if (p.NameEquals("request"u8)) entry = entry with { Request = Request(v, context) };
        }
        return entry;
    }

    private static Resource? Resource(JsonElement v, ReadContext context)
    {
        var type = FhirJsonReader.ResourceTypeOf(v);
        if (type is not null) return FhirJsonReader.Read(v, context.For(type, FhirJsonReader.IdOf(v)));
        context.Warn("entry.resource has no resourceType; skipped");
        return null;
    }

    private static BundleEntrySearch? Search(JsonElement e, ReadContext context)
    {
        if (!JsonValues.IsObject(e, context, "entry.search")) return null;
        var search = new BundleEntrySearch();
        foreach (var p in e.EnumerateObject())
        {
            if (p.NameEquals("mode"u8)) search = search with { Mode = JsonValues.String(p.Value, context, "entry.search.mode") };
            else if (p.NameEquals("score"u8)) search = search with { Score = JsonValues.Decimal(p.Value, context, "entry.search.score") };
        }
        return search;
    }

    private static BundleEntryRequest? Request(JsonElement e, ReadContext context)
    {
        if (!JsonValues.IsObject(e, context, "entry.request")) return null;
        var request = new BundleEntryRequest();
        foreach (var p in e.EnumerateObject())
        {
            if (p.NameEquals("method"u8)) request = request with { Method = JsonValues.String(p.Value, context, "entry.request.method") };
            else if (p.NameEquals("url"u8)) request = request with { Url = JsonValues.String(p.Value, context, "entry.request.url") };
            else if (p.NameEquals("ifNoneExist"u8)) request = request with { IfNoneExist = JsonValues.String(p.Value, context, "entry.request.ifNoneExist") };
        }
        return request;
    }
}
