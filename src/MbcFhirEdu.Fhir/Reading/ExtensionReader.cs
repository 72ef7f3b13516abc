using System.Text.Json;
using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Reading;

/// <summary>Reads R4 extensions (extensibility.html); value types outside <see cref="Extension"/> are dropped silently.</summary>
internal static class ExtensionReader
{
    public static IReadOnlyList<Extension> List(ref Utf8JsonReader r, ReadContext context, string name) =>
        JsonValues.List(ref r, context, name, Read);

    public static Extension? Read(ref Utf8JsonReader r, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(ref r, context, name)) return null;
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
        while (JsonValues.NextProperty(ref r, out var p))
        {
            if (p.SequenceEqual("url"u8)) url = JsonValues.String(ref r, context, name, "url");
            else if (p.SequenceEqual("valueCodeableConcept"u8)) valueCodeableConcept = DataTypeReader.CodeableConcept(ref r, context, name);
            else if (p.SequenceEqual("valueDateTime"u8)) valueDateTime = JsonValues.String(ref r, context, name, "valueDateTime");
            else if (p.SequenceEqual("valueReference"u8)) valueReference = DataTypeReader.Reference(ref r, context, name);
            else if (p.SequenceEqual("extension"u8)) nested = List(ref r, context, name);
            else if (p.SequenceEqual("valueString"u8)) valueString = JsonValues.String(ref r, context, name, "valueString");
            else if (p.SequenceEqual("valueCode"u8)) valueCode = JsonValues.String(ref r, context, name, "valueCode");
            else if (p.SequenceEqual("valueCoding"u8)) valueCoding = DataTypeReader.Coding(ref r, context, name);
            else if (p.SequenceEqual("valueUri"u8)) valueUri = JsonValues.String(ref r, context, name, "valueUri");
            else if (p.SequenceEqual("valueBoolean"u8)) valueBoolean = JsonValues.Boolean(ref r, context, name, "valueBoolean");
            else if (p.SequenceEqual("valueInteger"u8)) valueInteger = JsonValues.Integer(ref r, context, name, "valueInteger");
            else if (p.SequenceEqual("valueDecimal"u8)) valueDecimal = JsonValues.Decimal(ref r, context, name, "valueDecimal");
            else if (p.SequenceEqual("valueDate"u8)) valueDate = JsonValues.String(ref r, context, name, "valueDate");
            else if (p.SequenceEqual("valueQuantity"u8)) valueQuantity = DataTypeReader.Quantity(ref r, context, name);
            else if (p.SequenceEqual("valuePeriod"u8)) valuePeriod = DataTypeReader.Period(ref r, context, name);
            else r.Skip();
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
