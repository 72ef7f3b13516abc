using System.Text.Json;
using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Reading;

/// <summary>Reads an R4 Patient (patient.html): gender and languages only; identifying elements are skipped unread.</summary>
internal static class PatientReader
{
    public static Patient Read(ref Utf8JsonReader r, ReadContext context)
    {
        string? gender = null;
        bool? active = null;
        IReadOnlyList<PatientCommunication> communication = [];
        IReadOnlyList<Extension> extensions = [];
        Meta? meta = null;
        while (JsonValues.NextProperty(ref r, out var p))
        {
            if (p.SequenceEqual("gender"u8)) gender = JsonValues.Code(ref r, context, "gender");
            else if (p.SequenceEqual("communication"u8)) communication = JsonValues.List(ref r, context, "communication", Communication);
            else if (p.SequenceEqual("id"u8)) context.Id = JsonValues.String(ref r, context, "id");
            else if (p.SequenceEqual("active"u8)) active = JsonValues.Boolean(ref r, context, "active");
            else if (p.SequenceEqual("meta"u8)) meta = JsonValues.Repeated(ref r, context, RepeatSite.ResourceMeta, "meta", DataTypeReader.Meta);
            else if (p.SequenceEqual("extension"u8)) extensions = ExtensionReader.List(ref r, context, "extension");
            else r.Skip();
        }
        return new Patient { Id = context.Id, Meta = meta, Extensions = extensions, Gender = gender, Active = active, Communication = communication };
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
}
