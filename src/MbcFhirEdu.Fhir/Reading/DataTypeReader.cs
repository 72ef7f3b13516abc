using System.Text.Json;
using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Reading;

/// <summary>
/// Tolerant readers for the R4 data types (datatypes.html). Each walks an object's members once, comparing
/// member names as UTF-8 bytes, and skips members it does not model.
/// </summary>
internal static class DataTypeReader
{
    public static Coding? Coding(ref Utf8JsonReader r, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(ref r, context, name)) return null;
        string? system = null, version = null, code = null, display = null;
        bool? userSelected = null;
        while (JsonValues.NextProperty(ref r, out var p))
        {
            if (p.SequenceEqual("system"u8)) system = JsonValues.Code(ref r, context, name, "system");
            else if (p.SequenceEqual("code"u8)) code = JsonValues.Code(ref r, context, name, "code");
            else if (p.SequenceEqual("display"u8)) display = JsonValues.Code(ref r, context, name, "display");
            else if (p.SequenceEqual("version"u8)) version = JsonValues.Code(ref r, context, name, "version");
            else if (p.SequenceEqual("userSelected"u8)) userSelected = JsonValues.Boolean(ref r, context, name, "userSelected");
            else r.Skip();
        }
        return context.Strings.Coding(system, version, code, display, userSelected);
    }

    /// <summary>A repeating CodeableConcept element (e.g. category), as a <see cref="JsonValues.ItemReader{T}"/>.</summary>
    public static IReadOnlyList<CodeableConcept>? CodeableConcepts(ref Utf8JsonReader r, ReadContext context, string name) =>
        JsonValues.List(ref r, context, name, CodeableConcept);

    /// <summary>A CodeableConcept; a bare string is kept as its text (with a warning).</summary>
    public static CodeableConcept? CodeableConcept(ref Utf8JsonReader r, ReadContext context, string name)
    {
        if (r.TokenType == JsonTokenType.String)
        {
            context.Warn($"{name} is a string, expected a CodeableConcept; read as text");
            return new CodeableConcept { Text = r.GetString() };
        }
        if (!JsonValues.IsObject(ref r, context, name)) return null;
        if (context.Strings.Source.IsEmpty) return ConceptMembers(ref r, context, name);

        // A record repeats the same few concepts (category, status, the lab's code) thousands of times, byte for
        // byte. Skipping an object only tokenises it; a concept seen before is then found by its bytes, unread.
        var repeats = context.Strings.Repeats;
        var start = repeats.Offset(r);
        r.Skip();
        var json = repeats.Source.Span[start..(repeats.Offset(r) + 1)];
        if (context.Strings.TryGetConcept(json, out var known)) return known;
        // Already checked by the skip above (valid, within the input's depth limit), so this reader needs no limit of its own.
        var again = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = int.MaxValue });
        again.Read();
        var warnings = context.WarningCount;
        var concept = ConceptMembers(ref again, context, name);
        if (context.WarningCount == warnings) context.Strings.AddConcept(json, concept);
        return concept;
    }

    private static CodeableConcept ConceptMembers(ref Utf8JsonReader r, ReadContext context, string name)
    {
        // Most concepts hold one coding and are shared (see StringPool.Concept): keep that coding in a local, so a
        // shared concept costs no list.
        IReadOnlyList<Coding>? codings = null;
        Coding? single = null;
        string? text = null;
        while (JsonValues.NextProperty(ref r, out var p))
        {
            if (p.SequenceEqual("coding"u8)) codings = Codings(ref r, context, name, out single);
            else if (p.SequenceEqual("text"u8)) text = JsonValues.Code(ref r, context, name, "text");
            else r.Skip();
        }
        return codings is null ? context.Strings.Concept(single, text) : context.Strings.Concept(codings, text);
    }

    // CodeableConcept.coding: null with the only coding in `single` when there are at most one; otherwise the list.
    private static IReadOnlyList<Coding>? Codings(ref Utf8JsonReader r, ReadContext context, string name, out Coding? single)
    {
        single = null;
        if (r.TokenType != JsonTokenType.StartArray)
        {
            var list = JsonValues.List(ref r, context, name, Coding, "coding");
            if (list.Count > 1) return list;
            single = list.Count == 1 ? list[0] : null;
            return null;
        }
        List<Coding>? items = null;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType == JsonTokenType.Null || Coding(ref r, context, name) is not { } coding) continue;
            if (single is null) single = coding;
            else (items ??= [single]).Add(coding);
        }
        return items;
    }

    /// <summary>A Reference; a bare string is taken as the literal reference (with a warning).</summary>
    public static ResourceReference? Reference(ref Utf8JsonReader r, ReadContext context, string name)
    {
        if (r.TokenType == JsonTokenType.String)
        {
            context.Warn($"{name} is a string, expected a Reference object; read as the reference");
            return new ResourceReference { Reference = r.GetString() };
        }
        if (!JsonValues.IsObject(ref r, context, name)) return null;
        string? reference = null, type = null, display = null;
        Identifier? identifier = null;
        while (JsonValues.NextProperty(ref r, out var p))
        {
            if (p.SequenceEqual("reference"u8)) reference = JsonValues.Code(ref r, context, name, "reference");
            else if (p.SequenceEqual("type"u8)) type = JsonValues.Code(ref r, context, name, "type");
            else if (p.SequenceEqual("display"u8)) display = JsonValues.String(ref r, context, name, "display");
            else if (p.SequenceEqual("identifier"u8)) identifier = Identifier(ref r, context, name);
            else r.Skip();
        }
        // Every resource of a patient names the same subject: a plain reference is shared (see StringPool.Reference).
        return display is null && identifier is null
            ? context.Strings.Reference(reference, type)
            : new ResourceReference { Reference = reference, Type = type, Display = display, Identifier = identifier };
    }

    public static Identifier? Identifier(ref Utf8JsonReader r, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(ref r, context, name)) return null;
        string? use = null, system = null, value = null;
        while (JsonValues.NextProperty(ref r, out var p))
        {
            if (p.SequenceEqual("system"u8)) system = JsonValues.String(ref r, context, name, "system");
            else if (p.SequenceEqual("value"u8)) value = JsonValues.String(ref r, context, name, "value");
            else if (p.SequenceEqual("use"u8)) use = JsonValues.String(ref r, context, name, "use");
            else r.Skip();
        }
        return new Identifier { Use = use, System = system, Value = value };
    }

    public static Quantity? Quantity(ref Utf8JsonReader r, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(ref r, context, name)) return null;
        return QuantityMembers(ref r, context, name, out _);
    }

    /// <summary>Reads the members of a Quantity object the reader is on; also returns a (non-FHIR) display, which malformed data carries.</summary>
    public static Quantity QuantityMembers(ref Utf8JsonReader r, ReadContext context, string name, out string? display)
    {
        decimal? value = null;
        string? comparator = null, unit = null, system = null, code = null;
        display = null;
        while (JsonValues.NextProperty(ref r, out var p))
        {
            if (p.SequenceEqual("value"u8)) value = JsonValues.Decimal(ref r, context, name, "value");
            else if (p.SequenceEqual("unit"u8)) unit = JsonValues.Code(ref r, context, name, "unit");
            else if (p.SequenceEqual("system"u8)) system = JsonValues.Code(ref r, context, name, "system");
            else if (p.SequenceEqual("code"u8)) code = JsonValues.Code(ref r, context, name, "code");
            else if (p.SequenceEqual("comparator"u8)) comparator = JsonValues.Code(ref r, context, name, "comparator");
            else if (p.SequenceEqual("display"u8)) display = JsonValues.Code(ref r, context, name, "display");
            else r.Skip();
        }
        return context.Strings.Quantity(value, comparator, unit, system, code);
    }

    public static Period? Period(ref Utf8JsonReader r, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(ref r, context, name)) return null;
        string? start = null, end = null;
        while (JsonValues.NextProperty(ref r, out var p))
        {
            if (p.SequenceEqual("start"u8)) start = JsonValues.String(ref r, context, name, "start");
            else if (p.SequenceEqual("end"u8)) end = JsonValues.String(ref r, context, name, "end");
            else r.Skip();
        }
        return new Period { Start = start, End = end };
    }

    public static Ratio? Ratio(ref Utf8JsonReader r, ReadContext context, string name) =>
        QuantityPair(ref r, context, name, "numerator"u8, "denominator"u8) is var (numerator, denominator, ok) && ok
            ? new Ratio { Numerator = numerator, Denominator = denominator }
            : null;

    public static QuantityRange? Range(ref Utf8JsonReader r, ReadContext context, string name) =>
        QuantityPair(ref r, context, name, "low"u8, "high"u8) is var (low, high, ok) && ok
            ? new QuantityRange { Low = low, High = high }
            : null;

    /// <summary>Ratio and Range share one shape: an object of two Quantities; anything else is skipped.</summary>
    private static (Quantity? First, Quantity? Second, bool IsObject) QuantityPair(
        ref Utf8JsonReader r, ReadContext context, string name, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        if (!JsonValues.IsObject(ref r, context, name)) return (null, null, false);
        Quantity? a = null, b = null;
        while (JsonValues.NextProperty(ref r, out var p))
        {
            if (p.SequenceEqual(first)) a = Quantity(ref r, context, name);
            else if (p.SequenceEqual(second)) b = Quantity(ref r, context, name);
            else r.Skip();
        }
        return (a, b, true);
    }

    public static SampledData? SampledData(ref Utf8JsonReader r, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(ref r, context, name)) return null;
        Quantity? origin = null;
        decimal? period = null;
        int? dimensions = null;
        string? data = null;
        while (JsonValues.NextProperty(ref r, out var p))
        {
            if (p.SequenceEqual("origin"u8)) origin = Quantity(ref r, context, name);
            else if (p.SequenceEqual("period"u8)) period = JsonValues.Decimal(ref r, context, name, "period");
            else if (p.SequenceEqual("dimensions"u8)) dimensions = JsonValues.Integer(ref r, context, name, "dimensions");
            else if (p.SequenceEqual("data"u8)) data = JsonValues.String(ref r, context, name, "data");
            else r.Skip();
        }
        return new SampledData { Origin = origin, Period = period, Dimensions = dimensions, Data = data };
    }

    public static Annotation? Annotation(ref Utf8JsonReader r, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(ref r, context, name)) return null;
        string? author = null, time = null, text = null;
        while (JsonValues.NextProperty(ref r, out var p))
        {
            if (p.SequenceEqual("text"u8)) text = JsonValues.String(ref r, context, name, "text");
            else if (p.SequenceEqual("time"u8)) time = JsonValues.String(ref r, context, name, "time");
            else if (p.SequenceEqual("authorString"u8)) author = JsonValues.String(ref r, context, name, "authorString");
            else r.Skip();
        }
        return new Annotation { AuthorString = author, Time = time, Text = text };
    }

    private static string? PooledString(ref Utf8JsonReader r, ReadContext context, string name) => JsonValues.Code(ref r, context, name);

    public static Meta? Meta(ref Utf8JsonReader r, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(ref r, context, name)) return null;
        string? versionId = null;
        DateTimeOffset? lastUpdated = null;
        IReadOnlyList<string> profile = [];
        IReadOnlyList<Coding> tag = [];
        while (JsonValues.NextProperty(ref r, out var p))
        {
            if (p.SequenceEqual("lastUpdated"u8)) lastUpdated = JsonValues.Instant(ref r, context, name, "lastUpdated");
            else if (p.SequenceEqual("versionId"u8)) versionId = JsonValues.String(ref r, context, name, "versionId");
            else if (p.SequenceEqual("profile"u8)) profile = JsonValues.List(ref r, context, name, PooledString, "profile");
            else if (p.SequenceEqual("tag"u8)) tag = JsonValues.List(ref r, context, name, Coding, "tag");
            else r.Skip();
        }
        // Most meta elements hold only lastUpdated, and exports repeat a few timestamps: those are shared (see StringPool.Meta).
        return versionId is null && profile.Count == 0 && tag.Count == 0
            ? context.Strings.Meta(lastUpdated)
            : new Meta { VersionId = versionId, LastUpdated = lastUpdated, Profile = profile, Tag = tag };
    }
}
