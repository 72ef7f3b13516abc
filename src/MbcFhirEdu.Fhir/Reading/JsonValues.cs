using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MbcFhirEdu.Fhir.Reading;

/// <summary>
/// Kind-checked reads over a forward-only <see cref="Utf8JsonReader"/> on a complete buffer. Every reader is
/// called with the reader on the value's first token and leaves it on the value's last token; a value of the
/// wrong kind is skipped with a warning, never an exception.
/// </summary>
internal static class JsonValues
{
    public delegate T? ItemReader<out T>(ref Utf8JsonReader reader, ReadContext context, string name) where T : class;

    /// <summary>
    /// Reads a member of a resource or Bundle entry with <paramref name="read"/>, or steps over it unread when the same
    /// bytes were read at <paramref name="site"/> before (see <see cref="RepeatedValues"/>).
    /// </summary>
    public static T? Repeated<T>(ref Utf8JsonReader reader, ReadContext context, RepeatSite site, string name, ItemReader<T> read)
        where T : class
    {
        var repeats = context.Strings.Repeats;
        if (repeats.TryStepOver(ref reader, site, out var known)) return (T?)known;
        var start = repeats.Start(reader, site);
        if (start < 0) return read(ref reader, context, name);
        var warnings = context.WarningCount;
        var value = read(ref reader, context, name);
        if (context.WarningCount == warnings) repeats.Remember(reader, site, start, value);
        return value;
    }

    /// <summary>Skips a member the reader does not need, stepping over it when it repeats (see <see cref="RepeatedValues"/>).</summary>
    public static void SkipRepeated(ref Utf8JsonReader reader, RepeatedValues repeats, RepeatSite site)
    {
        if (repeats.TryStepOver(ref reader, site, out _)) return;
        var start = repeats.Start(reader, site);
        reader.Skip();
        repeats.Remember(reader, site, start, null);
    }

    /// <summary>
    /// <see cref="NextProperty(ref Utf8JsonReader, out ReadOnlySpan{byte})"/>, also giving where the member's name starts
    /// in the input (see <see cref="RepeatedValues.Offset"/>), or -1 when the reader has no input buffer or the name is escaped.
    /// </summary>
    public static bool NextProperty(ref Utf8JsonReader reader, RepeatedValues repeats, out ReadOnlySpan<byte> name, out int nameStart)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.PropertyName)
        {
            name = default;
            nameStart = -1;
            return false;
        }
        nameStart = reader.ValueIsEscaped || repeats.Source.IsEmpty ? -1 : repeats.Offset(reader);
        name = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
        reader.Read();
        return true;
    }

    /// <summary>Moves to the next member of the current object; false at its end. The name is unescaped.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader, out ReadOnlySpan<byte> name)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.PropertyName)
        {
            name = default;
            return false;
        }
        // Escaped member names ("\u0063ode") are legal but rare; only they pay for a copy.
        name = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
        reader.Read();
        return true;
    }

    /// <summary>True when the reader is on an object; otherwise warns (unless null) and skips the value.</summary>
    public static bool IsObject(ref Utf8JsonReader reader, ReadContext context, string name, string? leaf = null)
    {
        if (reader.TokenType == JsonTokenType.StartObject) return true;
        if (reader.TokenType != JsonTokenType.Null) context.Warn($"{Path(name, leaf)} is a JSON {Kind(reader.TokenType)}, expected an object; ignored");
        reader.Skip();
        return false;
    }

    public static string? String(ref Utf8JsonReader reader, ReadContext context, string name, string? leaf = null)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                // e.g. a code written as a JSON number; its text is still usable.
                context.Warn($"{Path(name, leaf)} is a JSON {Kind(reader.TokenType)}, expected a string; read as text");
                return Encoding.UTF8.GetString(reader.ValueSpan);
            case JsonTokenType.Null:
                return null;
            default:
                context.Warn($"{Path(name, leaf)} is a JSON {Kind(reader.TokenType)}, expected a string; ignored");
                reader.Skip();
                return null;
        }
    }

    /// <summary>
    /// A string that is likely to repeat across resources (a code, system, display, unit, status, subject reference,
    /// or a clinical date: a panel's results share one): taken from the input's <see cref="StringPool"/>. Ids and free
    /// text use <see cref="String"/>.
    /// </summary>
    public static string? Code(ref Utf8JsonReader reader, ReadContext context, string name, string? leaf = null) =>
        reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped
            ? context.Strings.Get(reader.ValueSpan)
            : String(ref reader, context, name, leaf);

    public static bool? Boolean(ref Utf8JsonReader reader, ReadContext context, string name, string? leaf = null)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True: return true;
            case JsonTokenType.False: return false;
            case JsonTokenType.Null: return null;
            case JsonTokenType.String when bool.TryParse(reader.GetString(), out var parsed):
                context.Warn($"{Path(name, leaf)} is a string, expected a JSON boolean; read as a boolean");
                return parsed;
            default:
                context.Warn($"{Path(name, leaf)} is a JSON {Kind(reader.TokenType)}, expected a boolean; ignored");
                reader.Skip();
                return null;
        }
    }

    public static decimal? Decimal(ref Utf8JsonReader reader, ReadContext context, string name, string? leaf = null)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var number)) return number;
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType == JsonTokenType.String &&
            decimal.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            context.Warn($"{Path(name, leaf)} is a string, expected a JSON number; read as a number");
            return parsed;
        }
        context.Warn($"{Path(name, leaf)} is not a usable number; ignored");
        reader.Skip();
        return null;
    }

    public static int? Integer(ref Utf8JsonReader reader, ReadContext context, string name, string? leaf = null)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number)) return number;
        var asDecimal = Decimal(ref reader, context, name, leaf);
        if (asDecimal is null) return null;
        if (decimal.Truncate(asDecimal.Value) == asDecimal.Value && asDecimal.Value is >= int.MinValue and <= int.MaxValue)
            return (int)asDecimal.Value;
        context.Warn($"{Path(name, leaf)} is not an integer; ignored");
        return null;
    }

    /// <summary>A FHIR instant (e.g. meta.lastUpdated). Unparseable values are dropped with a warning.</summary>
    public static DateTimeOffset? Instant(ref Utf8JsonReader reader, ReadContext context, string name, string? leaf = null)
    {
        // The reader parses ISO 8601 straight from the UTF-8 bytes; the general parser is the fallback.
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var fast)) return fast;
        var text = String(ref reader, context, name, leaf);
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)) return instant;
        context.Warn($"{Path(name, leaf)} is not a valid instant; ignored");
        return null;
    }

    /// <summary>
    /// A repeating element; items are read under <paramref name="name"/>, the outer element's name.
    /// A single object where an array belongs is the DSTU2/STU3 shape of several elements (Condition.category,
    /// Observation.interpretation): it is read as a one-item list, with a warning.
    /// </summary>
    public static IReadOnlyList<T> List<T>(ref Utf8JsonReader reader, ReadContext context, string name, ItemReader<T> read, string? leaf = null)
        where T : class
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartArray:
                // Most FHIR arrays hold one item: keep it without a List and its backing array.
                T? first = null;
                List<T>? items = null;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.Null || read(ref reader, context, name) is not { } item) continue;
                    if (first is null) first = item;
                    else (items ??= [first]).Add(item);
                }
                if (items is not null) return items;
                if (first is null) return [];
                // A list of one shared concept (a category, an interpretation) is itself shared.
                return first is Model.CodeableConcept concept ? (IReadOnlyList<T>)context.Strings.ListOf(concept) : [first];
            case JsonTokenType.StartObject or JsonTokenType.String:
                context.Warn($"{Path(name, leaf)} is a single {Kind(reader.TokenType)}, not an array (STU3/DSTU2 shape); read as a list of one");
                return read(ref reader, context, name) is { } single ? [single] : [];
            case JsonTokenType.Null:
                return [];
            default:
                context.Warn($"{Path(name, leaf)} is a JSON {Kind(reader.TokenType)}, expected an array; ignored");
                reader.Skip();
                return [];
        }
    }

    public static IReadOnlyList<string> StringList(ref Utf8JsonReader reader, ReadContext context, string name, string? leaf = null) =>
        List(ref reader, context, name, static (ref Utf8JsonReader r, ReadContext c, string n) => String(ref r, c, n), leaf);

    /// <summary>"name.leaf"; joined only when a warning needs it, to keep the read path free of allocations.</summary>
    public static string Path(string name, string? leaf) => leaf is null ? name : name + "." + leaf;

    /// <summary><see cref="Kind"/> with its article: "an array", "an object", "a string".</summary>
    public static string KindWithArticle(JsonTokenType token) => Kind(token) is var kind && kind[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an " + kind : "a " + kind;

    public static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        _ => "null",
    };
}
