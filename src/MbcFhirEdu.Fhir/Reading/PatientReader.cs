using System.Text.Json;
using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Reading;

/// <summary>
/// Reads an R4 Patient (patient.html): gender, languages, deceased[x], and the identifiers and links that say which
/// records are one person (CODES.md rules 12 and 16). Names, birth dates, addresses and telecoms are skipped unread.
/// </summary>
internal static class PatientReader
{
    public static Patient Read(ref Utf8JsonReader r, ReadContext context)
    {
        string? gender = null, deceasedDateTime = null;
        bool? active = null, deceasedBoolean = null;
        IReadOnlyList<PatientCommunication> communication = [];
        IReadOnlyList<Identifier> identifier = [];
        IReadOnlyList<PatientLink> link = [];
        IReadOnlyList<Extension> extensions = [];
        Meta? meta = null;
        while (JsonValues.NextProperty(ref r, out var p))
        {
            if (p.SequenceEqual("gender"u8)) gender = JsonValues.Code(ref r, context, "gender");
            else if (p.SequenceEqual("communication"u8)) communication = JsonValues.List(ref r, context, "communication", Communication);
            else if (p.SequenceEqual("id"u8)) context.Id = JsonValues.String(ref r, context, "id");
            else if (p.SequenceEqual("identifier"u8)) identifier = JsonValues.List(ref r, context, "identifier", DataTypeReader.Identifier);
            else if (p.SequenceEqual("link"u8)) link = JsonValues.List(ref r, context, "link", Link);
            else if (p.SequenceEqual("deceasedBoolean"u8)) deceasedBoolean = JsonValues.Boolean(ref r, context, "deceasedBoolean");
            else if (p.SequenceEqual("deceasedDateTime"u8)) deceasedDateTime = JsonValues.String(ref r, context, "deceasedDateTime");
            else if (p.SequenceEqual("active"u8)) active = JsonValues.Boolean(ref r, context, "active");
            else if (p.SequenceEqual("meta"u8)) meta = JsonValues.Repeated(ref r, context, RepeatSite.ResourceMeta, "meta", DataTypeReader.Meta);
            else if (p.SequenceEqual("extension"u8)) extensions = ExtensionReader.List(ref r, context, "extension");
            else r.Skip();
        }
        return new Patient
        {
            Id = context.Id, Meta = meta, Extensions = extensions, Identifier = identifier, Gender = gender, Active = active,
            DeceasedBoolean = deceasedBoolean, DeceasedDateTime = deceasedDateTime, Communication = communication, Link = link,
        };
    }

    private static PatientCommunication? Communication(ref Utf8JsonReader r, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(ref r, context, name)) return null;
        CodeableConcept? language = null;
        bool? preferred = null;
        while (JsonValues.NextProperty(ref r, out var p))
        {
            if (p.SequenceEqual("language"u8)) language = DataTypeReader.CodeableConcept(ref r, context, "communication.language");
            else if (p.SequenceEqual("preferred"u8)) preferred = JsonValues.Boolean(ref r, context, "communication.preferred");
            else r.Skip();
        }
        return new PatientCommunication { Language = language, Preferred = preferred };
    }

    private static PatientLink? Link(ref Utf8JsonReader r, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(ref r, context, name)) return null;
        ResourceReference? other = null;
        string? type = null;
        while (JsonValues.NextProperty(ref r, out var p))
        {
            if (p.SequenceEqual("other"u8)) other = DataTypeReader.Reference(ref r, context, "link.other");
            else if (p.SequenceEqual("type"u8)) type = JsonValues.Code(ref r, context, "link.type");
            else r.Skip();
        }
        return new PatientLink { Other = other, Type = type };
    }
}
