using System.Globalization;
using System.Text.Json;

namespace MbcFhirEdu.Fhir.Reading;

/// <summary>Reads one JSON value of an expected kind. Wrong kinds give a warning and null, never an exception.</summary>
internal static class JsonValues
{
    public delegate T? ItemReader<out T>(JsonElement element, ReadContext context, string name) where T : class;

    public static string? String(JsonElement value, ReadContext context, string name, string? leaf = null)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                // e.g. a code written as a JSON number; the text is still usable.
                context.Warn($"{Path(name, leaf)} is a JSON {Kind(value)}, expected a string; read as text");
                return value.GetRawText();
            case JsonValueKind.Null:
                return null;
            default:
                context.Warn($"{Path(name, leaf)} is a JSON {Kind(value)}, expected a string; ignored");
                return null;
        }
    }

    public static bool? Boolean(JsonElement value, ReadContext context, string name, string? leaf = null)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            case JsonValueKind.Null: return null;
            case JsonValueKind.String when bool.TryParse(value.GetString(), out var parsed):
                context.Warn($"{Path(name, leaf)} is a string, expected a JSON boolean; read as a boolean");
                return parsed;
            default:
                context.Warn($"{Path(name, leaf)} is a JSON {Kind(value)}, expected a boolean; ignored");
                return null;
        }
    }

    public static decimal? Decimal(JsonElement value, ReadContext context, string name, string? leaf = null)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)) return number;
        if (value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String &&
            decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            context.Warn($"{Path(name, leaf)} is a string, expected a JSON number; read as a number");
            return parsed;
        }
        context.Warn($"{Path(name, leaf)} is not a usable number; ignored");
        return null;
    }

    public static int? Integer(JsonElement value, ReadContext context, string name, string? leaf = null)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)) return number;
        var asDecimal = Decimal(value, context, name, leaf);
        if (asDecimal is null) return null;
        if (decimal.Truncate(asDecimal.Value) == asDecimal.Value && asDecimal.Value is >= int.MinValue and <= int.MaxValue)
            return (int)asDecimal.Value;
        context.Warn($"{Path(name, leaf)} is not an integer; ignored");
        return null;
    }

    /// <summary>A FHIR instant (e.g. meta.lastUpdated). Unparseable values are dropped with a warning.</summary>
    public static DateTimeOffset? Instant(JsonElement value, ReadContext context, string name, string? leaf = null)
    {
        var text = String(value, context, name, leaf);
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)) return instant;
        context.Warn($"{Path(name, leaf)} is not a valid instant; ignored");
        return null;
    }

    /// <summary>True for an object; warns (and returns false) for any other kind except null.</summary>
    public static bool IsObject(JsonElement value, ReadContext context, string name, string? leaf = null)
    {
        if (value.ValueKind == JsonValueKind.Object) return true;
        if (value.ValueKind != JsonValueKind.Null) context.Warn($"{Path(name, leaf)} is a JSON {Kind(value)}, expected an object; ignored");
        return false;
    }

    /// <summary>
    /// A repeating element; items are read under <paramref name="name"/>, the outer element's name.
    /// A single object where an array belongs is the DSTU2/STU3 shape of several elements (Condition.category, Observation.interpretation): it is read as a one-item list, with a warning.
    /// </summary>
    public static IReadOnlyList<T> List<T>(JsonElement value, ReadContext context, string name, ItemReader<T> read, string? leaf = null)
        where T : class
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                var length = value.GetArrayLength();
                if (length == 0) return [];
                var items = new List<T>(length);
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Null && read(item, context, name) is { } parsed) items.Add(parsed);
                }
                return items;
            case JsonValueKind.Object or JsonValueKind.String:
                context.Warn($"{Path(name, leaf)} is a single {Kind(value)}, not an array (STU3/DSTU2 shape); read as a list of one");
                return read(value, context, name) is { } single ? [single] : [];
            case JsonValueKind.Null:
                return [];
            default:
                context.Warn($"{Path(name, leaf)} is a JSON {Kind(value)}, expected an array; ignored");
                return [];
        }
    }

    public static IReadOnlyList<string> StringList(JsonElement value, ReadContext context, string name, string? leaf = null) =>
        List(value, context, name, static (item, ctx, n) => String(item, ctx, n), leaf);

    /// <summary>"name.leaf"; joined only when a warning needs it, to keep the read path free of allocations.</summary>
    public static string Path(string name, string? leaf) => leaf is null ? name : name + "." + leaf;

    public static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
