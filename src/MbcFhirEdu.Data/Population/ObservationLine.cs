using System.Text.Json;
using MbcFhirEdu.Core.Clinical;

namespace MbcFhirEdu.Data.Population;

/// <summary>
/// Whether a staged line can matter to the profile, decided before Firely parses it: an Observation line is read with
/// <see cref="Utf8JsonReader"/> for what <see cref="ObservationRouting"/> (the extractor's own route) looks at — its
/// codings and text, its components' codings and texts, a note and a value text — and the routing test decides. Codings
/// are normalised by the same <see cref="CodeSystems"/> calls as the FHIR mapping. Everything that is not an Observation
/// is kept, and so is every Observation this reader cannot judge for sure: not valid JSON, an element it does not know
/// (an STU3 shape, an extension, contained resources), an element twice, a value other than a Quantity with a number.
/// </summary>
internal static class ObservationLine
{
    /// <summary>False only for an Observation line that the extractor would leave out unread.</summary>
    public static bool MayMatter(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
            return Read(ref reader);
        }
        catch (JsonException)
        {
            return true;
        }
    }

    // Elements that neither the route reads nor change how the mapping reads the ones it does.
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "id", "meta", "text", "status", "category", "subject", "encounter", "effectiveDateTime", "effectivePeriod", "effectiveInstant",
        "issued", "interpretation", "referenceRange", "performer", "identifier", "bodySite", "method", "specimen", "device",
        "basedOn", "partOf", "focus", "hasMember", "derivedFrom", "language",
    };

    private static bool Read(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return true;
        var isObservation = false;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        List<Code> codes = [];
        string? codeText = null;
        List<ComponentRecord> components = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (!seen.Add(name)) return true;
            if (name == "resourceType")
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("Observation"u8)) return true;
                isObservation = true;
            }
            else if (name == "code")
            {
                if (!Concept(ref reader, codes, out codeText)) return true;
            }
            else if (name == "component")
            {
                if (!Components(ref reader, components)) return true;
            }
            else if (name == "valueQuantity")
            {
                if (!QuantityWithNumber(ref reader)) return true;
            }
            else if (Ignored.Contains(name))
            {
                reader.Read();
                reader.Skip();
            }
            else
            {
                return true; // a note, a value text, or an element this reader does not judge
            }
        }
        return !isObservation || ObservationRouting.MayMatter(codes, codeText, components, hasNote: false, hasValueText: false);
    }

    private static bool Components(ref Utf8JsonReader reader, List<ComponentRecord> components)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray) return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            List<Code> codes = [];
            string? text = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                if (!seen.Add(name)) return false;
                if (name == "code") { if (!Concept(ref reader, codes, out text)) return false; }
                else if (name == "valueQuantity") { if (!QuantityWithNumber(ref reader)) return false; }
                else if (name is "interpretation" or "referenceRange" or "id") { reader.Read(); reader.Skip(); }
                else return false;
            }
            components.Add(new ComponentRecord { Codes = codes, CodeText = text });
        }
        return reader.TokenType == JsonTokenType.EndArray;
    }

    // A CodeableConcept: codings with a code, as MapContext.Codes reads them, and its text.
    private static bool Concept(ref Utf8JsonReader reader, List<Code> codes, out string? text)
    {
        text = null;
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (!seen.Add(name)) return false;
            if (name == "text")
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String) return false;
                text = reader.GetString();
            }
            else if (name == "coding")
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray) return false;
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    if (!Coding(ref reader, codes)) return false;
                }
                if (reader.TokenType != JsonTokenType.EndArray) return false;
            }
            else return false;
        }
        return true;
    }

    private static bool Coding(ref Utf8JsonReader reader, List<Code> codes)
    {
        string? system = null, code = null, display = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (!seen.Add(name)) return false;
            if (name is "system" or "code" or "display")
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String) return false;
                var value = reader.GetString();
                if (name == "system") system = value;
                else if (name == "code") code = value;
                else display = value;
            }
            else if (name is "version" or "userSelected") { reader.Read(); reader.Skip(); }
            else return false;
        }
        if (string.IsNullOrWhiteSpace(code)) return true;
        var normalSystem = CodeSystems.NormalizeSystem(system);
        codes.Add(new Code(normalSystem, CodeSystems.NormalizeCode(normalSystem, code), string.IsNullOrWhiteSpace(display) ? null : display));
        return true;
    }

    // valueQuantity with a number maps to a value without text; without one it may be read as a coded value.
    private static bool QuantityWithNumber(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        var number = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("value"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number) return false;
                number = true;
            }
            else { reader.Read(); reader.Skip(); }
        }
        return number;
    }
}
