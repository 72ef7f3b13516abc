using System.Text.Json;
using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Reading;

/// <summary>Reads R4 extensions (extensibility.html); value types outside <see cref="Extension"/> are dropped silently.</summary>
internal static class ExtensionReader
{
    public static IReadOnlyList<Extension> List(JsonElement e, ReadContext context, string name) =>
        JsonValues.List(e, context, name, Read);

    public static Extension? Read(JsonElement e, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(e, context, name)) return null;
        string? url = null, valueString = null, valueCode = null, valueUri = null, valueDate = null, valueDateTime = null;
        bool? valueBoolean = null;
        int? valueInteger = null;
        decimal? valueDecimal = null;
        CodeableConcept? valueCodeableConcept = null;
        Coding? valueCoding = null;
        ResourceReference? valueReference = null;
        Quantity? valueQuantity = null;
        Period? valuePeriod = null;
        IReadOnlyList<Extension> nested = [];
        foreach (var p in e.EnumerateObject())
        {
            var v = p.Value;
            if (p.NameEquals("url"u8)) url = JsonValues.String(v, context, name, "url");
            else if (p.NameEquals("valueCodeableConcept"u8)) valueCodeableConcept = DataTypeReader.CodeableConcept(v, context, name);
            else if (p.NameEquals("valueDateTime"u8)) valueDateTime = JsonValues.String(v, context, name, "valueDateTime");
            else if (p.NameEquals("valueReference"u8)) valueReference = DataTypeReader.Reference(v, context, name);
            else if (p.NameEquals("extension"u8)) nested = List(v, context, name);
            else if (p.NameEquals("valueString"u8)) valueString = JsonValues.String(v, context, name, "valueString");
            else if (p.NameEquals("valueCode"u8)) valueCode = JsonValues.String(v, context, name, "valueCode");
            else if (p.NameEquals("valueCoding"u8)) valueCoding = DataTypeReader.Coding(v, context, name);
            else if (p.NameEquals("valueUri"u8)) valueUri = JsonValues.String(v, context, name, "valueUri");
            else if (p.NameEquals("valueBoolean"u8)) valueBoolean = JsonValues.Boolean(v, context, name, "valueBoolean");
            else if (p.NameEquals("valueInteger"u8)) valueInteger = JsonValues.Integer(v, context, name, "valueInteger");
            else if (p.NameEquals("valueDecimal"u8)) valueDecimal = JsonValues.Decimal(v, context, name, "valueDecimal");
            else if (p.NameEquals("valueDate"u8)) valueDate = JsonValues.String(v, context, name, "valueDate");
            else if (p.NameEquals("valueQuantity"u8)) valueQuantity = DataTypeReader.Quantity(v, context, name);
            else if (p.NameEquals("valuePeriod"u8)) valuePeriod = DataTypeReader.Period(v, context, name);
        }
        return new Extension
        {
            Url = url, ValueString = valueString, ValueCode = valueCode, ValueUri = valueUri, ValueBoolean = valueBoolean,
            ValueInteger = valueInteger, ValueDecimal = valueDecimal, ValueDate = valueDate, ValueDateTime = valueDateTime,
            ValueCodeableConcept = valueCodeableConcept, ValueCoding = valueCoding, ValueReference = valueReference,
            ValueQuantity = valueQuantity, ValuePeriod = valuePeriod, Extensions = nested,
        };
    }
}
