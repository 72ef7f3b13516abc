using System.Text.Json;
using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Reading;

/// <summary>
/// Reads a whole Bundle (bundle.html) into the model, entries included. The file reader does not use this:
/// it adds each entry's resource to a ResourceSet as it goes (see <c>ResourceCollector</c>).
/// </summary>
internal static class BundleReader
{
    public static Bundle Read(ref Utf8JsonReader r, ReadContext context)
    {
        string? type = null;
        int? total = null;
        DateTimeOffset? timestamp = null;
        IReadOnlyList<BundleLink> link = [];
        IReadOnlyList<BundleEntry> entry = [];
        Meta? meta = null;
        while (JsonValues.NextProperty(ref r, out var p))
        {
            if (p.SequenceEqual("entry"u8)) entry = JsonValues.List(ref r, context, "entry", Entry);
            else if (p.SequenceEqual("type"u8)) type = JsonValues.String(ref r, context, "type");
            else if (p.SequenceEqual("id"u8)) context.Id = JsonValues.String(ref r, context, "id");
            else if (p.SequenceEqual("total"u8)) total = JsonValues.Integer(ref r, context, "total");
            else if (p.SequenceEqual("timestamp"u8)) timestamp = JsonValues.Instant(ref r, context, "timestamp");
            else if (p.SequenceEqual("link"u8)) link = JsonValues.List(ref r, context, "link", Link);
            else if (p.SequenceEqual("meta"u8)) meta = DataTypeReader.Meta(ref r, context, "meta");
            else r.Skip();
        }
        return new Bundle { Id = context.Id, Meta = meta, Type = type, Total = total, Timestamp = timestamp, Link = link, Entry = entry };
    }

    private static BundleLink? Link(ref Utf8JsonReader r, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(ref r, context, name)) return null;
        string? relation = null, url = null;
        while (JsonValues.NextProperty(ref r, out var p))
        {
            if (p.SequenceEqual("relation"u8)) relation = JsonValues.String(ref r, context, name, "relation");
            else if (p.SequenceEqual("url"u8)) url = JsonValues.String(ref r, context, name, "url");
            else r.Skip();
        }
        return new BundleLink { Relation = relation, Url = url };
    }

    private static BundleEntry? Entry(ref Utf8JsonReader r, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(ref r, context, name)) return null;
        string? fullUrl = null;
        Resource? resource = null;
        BundleEntrySearch? search = null;
        BundleEntryRequest? request = null;
        while (JsonValues.NextProperty(ref r, out var p))
        {
            if (p.SequenceEqual("resource"u8)) resource = Resource(ref r, context);
            else if (p.SequenceEqual("fullUrl"u8)) fullUrl = JsonValues.String(ref r, context, name, "fullUrl");
            else if (p.SequenceEqual("search"u8)) search = Search(ref r, context);
            else if (p.SequenceEqual("request"u8)) request = Request(ref r, context);
            else r.Skip();
        }
        return new BundleEntry { FullUrl = fullUrl, Resource = resource, Search = search, Request = request };
    }

    private static Resource? Resource(ref Utf8JsonReader r, ReadContext context)
    {
        if (r.TokenType == JsonTokenType.StartObject && FhirJsonReader.PeekResourceType(r) is { } type)
        {
            var nested = new ReadContext(type, context.Strings);
            var resource = FhirJsonReader.Read(ref r, nested);
            context.AddNested(nested.Warnings());
            return resource;
        }
        context.Warn("entry.resource has no resourceType; skipped");
        r.Skip();
        return null;
    }

    private static BundleEntrySearch? Search(ref Utf8JsonReader r, ReadContext context)
    {
        if (!JsonValues.IsObject(ref r, context, "entry.search")) return null;
        string? mode = null;
        decimal? score = null;
        while (JsonValues.NextProperty(ref r, out var p))
        {
            if (p.SequenceEqual("mode"u8)) mode = JsonValues.String(ref r, context, "entry.search.mode");
            else if (p.SequenceEqual("score"u8)) score = JsonValues.Decimal(ref r, context, "entry.search.score");
            else r.Skip();
        }
        return new BundleEntrySearch { Mode = mode, Score = score };
    }

    private static BundleEntryRequest? Request(ref Utf8JsonReader r, ReadContext context)
    {
        if (!JsonValues.IsObject(ref r, context, "entry.request")) return null;
        string? method = null, url = null, ifNoneExist = null;
        while (JsonValues.NextProperty(ref r, out var p))
        {
            if (p.SequenceEqual("method"u8)) method = JsonValues.String(ref r, context, "entry.request.method");
            else if (p.SequenceEqual("url"u8)) url = JsonValues.String(ref r, context, "entry.request.url");
            else if (p.SequenceEqual("ifNoneExist"u8)) ifNoneExist = JsonValues.String(ref r, context, "entry.request.ifNoneExist");
            else r.Skip();
        }
        return new BundleEntryRequest { Method = method, Url = url, IfNoneExist = ifNoneExist };
    }
}
