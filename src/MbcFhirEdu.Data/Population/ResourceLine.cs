using System.Globalization;
using System.Text.Json;
using MbcFhirEdu.Fhir.Grouping;

namespace MbcFhirEdu.Data.Population;

/// <summary>
/// The keys of one NDJSON line that staging needs, read with <see cref="Utf8JsonReader"/> without building the resource:
/// type, id, meta.lastUpdated and the patient it belongs to (a Patient's own id; else subject or patient, a literal
/// <c>Patient/id</c> reference, relative or absolute, as CODES.md rule 12 counts it). The full line is parsed by Firely
/// later, once per patient, by the same reader the rest of the service uses.
/// </summary>
internal readonly record struct ResourceLine(string ResourceType, string Id, string PatientId, DateTimeOffset? LastUpdated)
{
    /// <summary>The keys, or null with <paramref name="problem"/> saying why the line cannot be staged.</summary>
    public static ResourceLine? Read(ReadOnlySpan<byte> json, out string? problem)
    {
        string? type = null, id = null, subject = null, patient = null;
        DateTimeOffset? lastUpdated = null;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) { problem = "not a JSON object"; return null; }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("resourceType"u8)) type = String(ref reader);
                else if (reader.ValueTextEquals("id"u8)) id = String(ref reader);
                else if (reader.ValueTextEquals("meta"u8)) lastUpdated = ReadLastUpdated(ref reader);
                else if (reader.ValueTextEquals("subject"u8)) subject = Reference(ref reader);
                else if (reader.ValueTextEquals("patient"u8)) patient = Reference(ref reader);
                else { reader.Read(); reader.Skip(); }
            }
        }
        catch (JsonException)
        {
            problem = "not valid JSON";
            return null;
        }
        if (string.IsNullOrWhiteSpace(type)) { problem = "no resourceType"; return null; }
        if (string.IsNullOrWhiteSpace(id) || id.Length > MbcEduDbContext.MaxIdLength) { problem = $"{type} without a usable id"; return null; }
        var owner = type == "Patient" ? id : PatientOf(subject ?? patient);
        if (owner is null || owner.Length > MbcEduDbContext.MaxIdLength)
        {
            problem = $"{type}/{id}: its subject is not a Patient reference; left out";
            return null;
        }
        problem = null;
        return new ResourceLine(type, id, owner, lastUpdated);
    }

    private static string? PatientOf(string? reference) =>
        ResourceSet.TypeAndId(reference) is { } typeAndId && typeAndId.StartsWith("Patient/", StringComparison.Ordinal) ? typeAndId["Patient/".Length..] : null;

    private static string? String(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String) return reader.GetString();
        reader.Skip();
        return null;
    }

    private static string? Reference(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); return null; }
        string? reference = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("reference"u8)) reference = String(ref reader);
            else { reader.Read(); reader.Skip(); }
        }
        return reference;
    }

    private static DateTimeOffset? ReadLastUpdated(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); return null; }
        DateTimeOffset? value = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("lastUpdated"u8)) { reader.Read(); reader.Skip(); continue; }
            if (String(ref reader) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                value = parsed.ToUniversalTime();
        }
        return value;
    }
}
