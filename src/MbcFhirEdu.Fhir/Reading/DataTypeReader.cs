using System.Text.Json;
using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Reading;

/// <summary>
/// Tolerant readers for the R4 data types (datatypes.html). Each enumerates an object's members once and
/// ignores members it does not model, so unknown and future elements cost nothing but the parse.
/// </summary>
internal static class DataTypeReader
{
    public static Coding? Coding(JsonElement e, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(e, context, name)) return null;
        string? system = null, version = null, code = null, display = null;
        bool? userSelected = null;
        foreach (var p in e.EnumerateObject())
        {
            if (p.NameEquals("system"u8)) system = JsonValues.String(p.Value, context, name, "system");
            else if (p.NameEquals("code"u8)) code = JsonValues.String(p.Value, context, name, "code");
            else if (p.NameEquals("display"u8)) display = JsonValues.String(p.Value, context, name, "display");
            else if (p.NameEquals("version"u8)) version = JsonValues.String(p.Value, context, name, "version");
            else if (p.NameEquals("userSelected"u8)) userSelected = JsonValues.Boolean(p.Value, context, name, "userSelected");
        }
        return new Coding { System = system, Version = version, Code = code, Display = display, UserSelected = userSelected };
    }

    /// <summary>A CodeableConcept; a bare string is kept as its text (with a warning).</summary>
    public static CodeableConcept? CodeableConcept(JsonElement e, ReadContext context, string name)
    {
        if (e.ValueKind == JsonValueKind.String)
        {
            context.Warn($"{name} is a string, expected a CodeableConcept; read as text");
            return new CodeableConcept { Text = e.GetString() };
        }
        if (!JsonValues.IsObject(e, context, name)) return null;
        IReadOnlyList<Coding> codings = [];
        string? text = null;
        foreach (var p in e.EnumerateObject())
        {
            if (p.NameEquals("coding"u8)) codings = JsonValues.List(p.Value, context, name, Coding, "coding");
            else if (p.NameEquals("text"u8)) text = JsonValues.String(p.Value, context, name, "text");
        }
        return new CodeableConcept { Coding = codings, Text = text };
    }

    /// <summary>A Reference; a bare string is taken as the literal reference (with a warning).</summary>
    public static ResourceReference? Reference(JsonElement e, ReadContext context, string name)
    {
        if (e.ValueKind == JsonValueKind.String)
        {
            context.Warn($"{name} is a string, expected a Reference object; read as the reference");
            return new ResourceReference { Reference = e.GetString() };
        }
        if (!JsonValues.IsObject(e, context, name)) return null;
        string? reference = null, type = null, display = null;
        Identifier? identifier = null;
        foreach (var p in e.EnumerateObject())
        {
            if (p.NameEquals("reference"u8)) reference = JsonValues.String(p.Value, context, name, "reference");
            else if (p.NameEquals("type"u8)) type = JsonValues.String(p.Value, context, name, "type");
            else if (p.NameEquals("display"u8)) display = JsonValues.String(p.Value, context, name, "display");
            else if (p.NameEquals("identifier"u8)) identifier = Identifier(p.Value, context, name);
        }
        return new ResourceReference { Reference = reference, Type = type, Display = display, Identifier = identifier };
    }

    public static Identifier? Identifier(JsonElement e, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(e, context, name)) return null;
        string? use = null, system = null, value = null;
        foreach (var p in e.EnumerateObject())
        {
            if (p.NameEquals("system"u8)) system = JsonValues.String(p.Value, context, name, "system");
            else if (p.NameEquals("value"u8)) value = JsonValues.String(p.Value, context, name, "value");
            else if (p.NameEquals("use"u8)) use = JsonValues.String(p.Value, context, name, "use");
        }
        return new Identifier { Use = use, System = system, Value = value };
    }

    public static Quantity? Quantity(JsonElement e, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(e, context, name)) return null;
        decimal? value = null;
        string? comparator = null, unit = null, system = null, code = null;
        foreach (var p in e.EnumerateObject())
        {
            if (p.NameEquals("value"u8)) value = JsonValues.Decimal(p.Value, context, name, "value");
            else if (p.NameEquals("unit"u8)) unit = JsonValues.String(p.Value, context, name, "unit");
            else if (p.NameEquals("system"u8)) system = JsonValues.String(p.Value, context, name, "system");
            else if (p.NameEquals("code"u8)) code = JsonValues.String(p.Value, context, name, "code");
            else if (p.NameEquals("comparator"u8)) comparator = JsonValues.String(p.Value, context, name, "comparator");
        }
        return new Quantity { Value = value, Comparator = comparator, Unit = unit, System = system, Code = code };
    }

    public static Period? Period(JsonElement e, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(e, context, name)) return null;
        string? start = null, end = null;
        foreach (var p in e.EnumerateObject())
        {
            if (p.NameEquals("start"u8)) start = JsonValues.String(p.Value, context, name, "start");
            else if (p.NameEquals("end"u8)) end = JsonValues.String(p.Value, context, name, "end");
        }
        return new Period { Start = start, End = end };
    }

    public static Ratio? Ratio(JsonElement e, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(e, context, name)) return null;
        Quantity? numerator = null, denominator = null;
        foreach (var p in e.EnumerateObject())
        {
            if (p.NameEquals("numerator"u8)) numerator = Quantity(p.Value, context, name);
            else if (p.NameEquals("denominator"u8)) denominator = Quantity(p.Value, context, name);
        }
        return new Ratio { Numerator = numerator, Denominator = denominator };
    }

    public static QuantityRange? Range(JsonElement e, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(e, context, name)) return null;
        Quantity? low = null, high = null;
        foreach (var p in e.EnumerateObject())
        {
            if (p.NameEquals("low"u8)) low = Quantity(p.Value, context, name);
            else if (p.NameEquals("high"u8)) high = Quantity(p.Value, context, name);
        }
        return new QuantityRange { Low = low, High = high };
    }

    public static SampledData? SampledData(JsonElement e, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(e, context, name)) return null;
        Quantity? origin = null;
        decimal? period = null;
        int? dimensions = null;
        string? data = null;
        foreach (var p in e.EnumerateObject())
        {
            if (p.NameEquals("origin"u8)) origin = Quantity(p.Value, context, name);
            else if (p.NameEquals("period"u8)) period = JsonValues.Decimal(p.Value, context, name, "period");
            else if (p.NameEquals("dimensions"u8)) dimensions = JsonValues.Integer(p.Value, context, name, "dimensions");
            else if (p.NameEquals("data"u8)) data = JsonValues.String(p.Value, context, name, "data");
        }
        return new SampledData { Origin = origin, Period = period, Dimensions = dimensions, Data = data };
    }

    public static Annotation? Annotation(JsonElement e, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(e, context, name)) return null;
        string? author = null, time = null, text = null;
        foreach (var p in e.EnumerateObject())
        {
            if (p.NameEquals("text"u8)) text = JsonValues.String(p.Value, context, name, "text");
            else if (p.NameEquals("time"u8)) time = JsonValues.String(p.Value, context, name, "time");
            else if (p.NameEquals("authorString"u8)) author = JsonValues.String(p.Value, context, name, "authorString");
        }
        return new Annotation { AuthorString = author, Time = time, Text = text };
    }

    public static Meta? Meta(JsonElement e, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(e, context, name)) return null;
        string? versionId = null;
        DateTimeOffset? lastUpdated = null;
        IReadOnlyList<string> profile = [];
        IReadOnlyList<Coding> tag = [];
        foreach (var p in e.EnumerateObject())
        {
            if (p.NameEquals("lastUpdated"u8)) lastUpdated = JsonValues.Instant(p.Value, context, name, "lastUpdated");
            else if (p.NameEquals("versionId"u8)) versionId = JsonValues.String(p.Value, context, name, "versionId");
            else if (p.NameEquals("profile"u8)) profile = JsonValues.StringList(p.Value, context, name, "profile");
            else if (p.NameEquals("tag"u8)) tag = JsonValues.List(p.Value, context, name, Coding, "tag");
        }
        return new Meta { VersionId = versionId, LastUpdated = lastUpdated, Profile = profile, Tag = tag };
    }
}
