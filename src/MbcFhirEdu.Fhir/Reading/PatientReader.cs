using System.Text.Json;
using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Reading;

/// <summary>Reads an R4 Patient (patient.html): gender and languages only; identifying elements are never read.</summary>
internal static class PatientReader
{
    public static Patient Read(JsonElement e, ReadContext context)
    {
        var patient = new Patient { Id = context.Id };
        foreach (var p in e.EnumerateObject())
        {
            var v = p.Value;
            if (p.NameEquals("gender"u8)) patient = patient with { Gender = JsonValues.String(v, context, "gender") };
            else if (p.NameEquals("active"u8)) patient = patient with { Active = JsonValues.Boolean(v, context, "active") };
            else if (p.NameEquals("communication"u8)) patient = patient with { Communication = JsonValues.List(v, context, "communication", Communication) };
            else if (p.NameEquals("extension"u8)) patient = patient with { Extensions = ExtensionReader.List(v, context, "extension") };
            else if (p.NameEquals("meta"u8)) patient = patient with { Meta = DataTypeReader.Meta(v, context, "meta") };
        }
        return patient;
    }

    private static PatientCommunication? Communication(JsonElement e, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(e, context, name)) return null;
        var communication = new PatientCommunication();
        foreach (var p in e.EnumerateObject())
        {
            if (p.NameEquals("language"u8))
                communication = communication with { Language = DataTypeReader.CodeableConcept(p.Value, context, "communication.language") };
            else if (p.NameEquals("preferred"u8))
                communication = communication with { Preferred = JsonValues.Boolean(p.Value, context, "communication.preferred") };
        }
        return communication;
    }
}
