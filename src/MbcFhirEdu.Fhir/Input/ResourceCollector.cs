using System.Text.Json;
using MbcFhirEdu.Fhir.Model;
using MbcFhirEdu.Fhir.Reading;
using MbcFhirEdu.Fhir.Resources;

namespace MbcFhirEdu.Fhir.Input;

/// <summary>
/// Feeds resources into a <see cref="ResourceSet"/> in one forward pass, walking Bundles of any type
/// (bundle.html), nested ones included, so each entry's resource is read with its own warnings.
/// Counts resources against <see cref="FhirReadLimits.MaxResources"/>.
/// </summary>
internal sealed class ResourceCollector(ResourceSet set, FhirReadLimits limits)
{
    private readonly StringPool _strings = new();
    private ReadContext? _context; // one per input, reset for each resource (resources do not nest here)
    private int _count;

    /// <summary>The JSON the reader in <see cref="TryAdd"/> runs over (see <see cref="StringPool.Source"/>).</summary>
    public ReadOnlyMemory<byte> Source
    {
        get => _strings.Source;
        set => _strings.Source = value;
    }

    /// <summary>How many repeated values the reader stepped over unread (see <see cref="RepeatedValues"/>).</summary>
    public int Steps => _strings.Repeats.Steps;

    /// <summary>Makes room in the string pool for about <paramref name="strings"/> distinct strings.</summary>
    public void EnsureStringCapacity(int strings) => _strings.EnsureCapacity(strings);

    /// <summary>Adds the resource the reader is on (recursing into a Bundle). False when the resource limit is exceeded.</summary>
    public bool TryAdd(ref Utf8JsonReader r, string resourceType)
    {
        if (!TryRead(ref r, resourceType, out var resource, out var warnings)) return false;
        if (resource is not null) set.Add(resource, fullUrl: null, warnings);
        return true;
    }

    // A Bundle's entries are added as they are met; any other modelled resource is returned to the caller,
    // because its entry's fullUrl may come after it (JSON members are unordered).
    private bool TryRead(ref Utf8JsonReader r, string type, out Resource? resource, out IReadOnlyList<string> warnings)
    {
        resource = null;
        warnings = [];
        if (++_count > limits.MaxResources) return false;
        if (type == "Bundle") return TryAddEntries(ref r);
        if (!FhirJsonReader.IsModelled(type))
        {
            r.Skip();
            return true;
        }
        var context = _context ??= new ReadContext(type, _strings);
        context.Reset(type);
        resource = FhirJsonReader.Read(ref r, context);
        warnings = context.Warnings();
        return true;
    }

    private bool TryAddEntries(ref Utf8JsonReader r)
    {
        var bundle = new ReadContext("Bundle", _strings);
        var page = new SearchPage();
        var ok = true;
        while (ok && JsonValues.NextProperty(ref r, out var p))
        {
            if (p.SequenceEqual("entry"u8)) ok = TryAddEntryList(ref r, bundle, page);
            else if (p.SequenceEqual("id"u8)) bundle.Id = JsonValues.String(ref r, bundle, "id");
            else if (p.SequenceEqual("type"u8)) page.Type = JsonValues.String(ref r, bundle, "type");
            else if (p.SequenceEqual("total"u8)) page.Total = JsonValues.Integer(ref r, bundle, "total");
            else if (p.SequenceEqual("link"u8)) page.HasNext = HasNextLink(ref r, bundle);
            else r.Skip();
        }
        if (ok) page.Check(bundle);
        foreach (var warning in bundle.Warnings()) set.AddWarning(warning);
        return ok;
    }

    // Bundle.link: true when one of them is the next page of a search (bundle.html#Bundle.link).
    private static bool HasNextLink(ref Utf8JsonReader r, ReadContext bundle)
    {
        var links = JsonValues.List(ref r, bundle, "link", static (ref Utf8JsonReader reader, ReadContext context, string name) =>
        {
            if (!JsonValues.IsObject(ref reader, context, name)) return null;
            string? relation = null;
            while (JsonValues.NextProperty(ref reader, out var p))
            {
                if (p.SequenceEqual("relation"u8)) relation = JsonValues.String(ref reader, context, name, "relation");
                else reader.Skip();
            }
            return relation ?? "";
        });
        return links.Any(static relation => relation.Trim() == "next");
    }

    private bool TryAddEntryList(ref Utf8JsonReader r, ReadContext bundle, SearchPage page)
    {
        if (r.TokenType != JsonTokenType.StartArray)
        {
            bundle.Warn($"entry is a JSON {JsonValues.Kind(r.TokenType)}, expected an array; ignored");
            r.Skip();
            return true;
        }
        var index = 0;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (!TryAddEntry(ref r, bundle, ++index, page)) return false;
        }
        return true;
    }

    private bool TryAddEntry(ref Utf8JsonReader r, ReadContext bundle, int index, SearchPage page)
    {
        if (r.TokenType != JsonTokenType.StartObject)
        {
            r.Skip();
            return true;
        }
        string? mode = null;
        string? fullUrl = null;
        // An unescaped fullUrl stays as bytes in the input: most of them only repeat "Type/id" and are never decoded.
        var fullUrlStart = -1;
        var fullUrlLength = 0;
        Resource? resource = null;
        IReadOnlyList<string> warnings = [];
        while (JsonValues.NextProperty(ref r, out var p))
        {
            if (p.SequenceEqual("fullUrl"u8))
            {
                if (r.TokenType == JsonTokenType.String && !r.ValueIsEscaped)
                {
                    (fullUrlStart, fullUrlLength, fullUrl) = (_strings.Repeats.Offset(r) + 1, r.ValueSpan.Length, null);
                }
                else
                {
                    fullUrl = JsonValues.String(ref r, bundle, "entry.fullUrl");
                    fullUrlStart = -1;
                }
            }
            else if (p.SequenceEqual("search"u8))
            {
                mode = SearchMode(ref r, bundle);
            }
            else if (!p.SequenceEqual("resource"u8))
            {
                SkipMember(ref r, p); // request, response, link: not needed to read the data
            }
            else if (r.TokenType != JsonTokenType.StartObject || ResourceTypeAt(r) is not { } type)
            {
                bundle.Warn($"entry {index} has a resource without resourceType; skipped");
                r.Skip();
            }
            else if (!TryRead(ref r, type, out resource, out warnings))
            {
                return false;
            }
        }
        // Rule 20: entries without search.mode count as matches; include and outcome entries do not.
        if (mode is null or "match") page.Matches++;
        // Entries without a resource are legitimate (history DELETEs, transaction responses).
        if (resource is null) return true;
        if (fullUrlStart >= 0) set.AddWithUtf8FullUrl(resource, _strings.Repeats.Source.Span.Slice(fullUrlStart, fullUrlLength), warnings);
        else set.Add(resource, fullUrl, warnings);
        return true;
    }

    // Servers write resourceType first, without spaces: then it is read off the bytes, sparing a copy of the whole reader
    // (the resource reader still reads the member). Any other layout is peeked at with a copy of the reader.
    private string? ResourceTypeAt(in Utf8JsonReader r)
    {
        var rest = _strings.Repeats.Source.Span[_strings.Repeats.Offset(r)..];
        if (rest.StartsWith("{\"resourceType\":\""u8))
        {
            rest = rest["{\"resourceType\":\""u8.Length..];
            if (rest.StartsWith("Observation\""u8)) return "Observation";
            if (rest.StartsWith("Condition\""u8)) return "Condition";
            if (rest.StartsWith("DiagnosticReport\""u8)) return "DiagnosticReport";
            if (rest.StartsWith("Patient\""u8)) return "Patient";
        }
        return FhirJsonReader.PeekResourceType(r);
    }

    // Bundle.entry.search.mode (match | include | outcome), trimmed; null when absent.
    private static string? SearchMode(ref Utf8JsonReader r, ReadContext bundle)
    {
        if (!JsonValues.IsObject(ref r, bundle, "entry.search")) return null;
        string? mode = null;
        while (JsonValues.NextProperty(ref r, out var p))
        {
            if (p.SequenceEqual("mode"u8)) mode = JsonValues.String(ref r, bundle, "entry.search", "mode")?.Trim();
            else r.Skip();
        }
        return mode;
    }

    // Every entry of a transaction carries the same request shape (and of a response the same response shape).
    private void SkipMember(ref Utf8JsonReader r, scoped ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("request"u8)) JsonValues.SkipRepeated(ref r, _strings.Repeats, RepeatSite.EntryRequest);
        else if (name.SequenceEqual("response"u8)) JsonValues.SkipRepeated(ref r, _strings.Repeats, RepeatSite.EntryResponse);
        else r.Skip();
    }
}
