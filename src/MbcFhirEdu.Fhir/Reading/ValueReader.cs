using System.Text.Json;
using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Reading;

/// <summary>The value[x] members of an Observation or component (observation.html#Observation.value_x_), as read.</summary>
internal struct ValueSlots
{
    public Quantity? Quantity;
    public CodeableConcept? CodeableConcept;
    public string? String;
    public bool? Boolean;
    public int? Integer;
    public QuantityRange? Range;
    public Ratio? Ratio;
    public SampledData? SampledData;
    public string? Time;
    public string? DateTime;
    public Period? Period;
}

/// <summary>Reads value[x] members; shared by Observation and Observation.component.</summary>
internal static class ValueReader
{
    /// <summary>Reads <paramref name="p"/> into <paramref name="slots"/> when it is a value[x] member; false otherwise.</summary>
    public static bool TryRead(JsonProperty p, ReadContext context, string name, ref ValueSlots slots)
    {
        var v = p.Value;
        if (p.NameEquals("valueCodeableConcept"u8)) slots.CodeableConcept = DataTypeReader.CodeableConcept(v, context, name);
        else if (p.NameEquals("valueQuantity"u8)) ReadQuantity(v, context, name, ref slots);
        else if (p.NameEquals("valueString"u8)) slots.String = JsonValues.String(v, context, name);
        else if (p.NameEquals("valueBoolean"u8)) slots.Boolean = JsonValues.Boolean(v, context, name);
        else if (p.NameEquals("valueInteger"u8)) slots.Integer = JsonValues.Integer(v, context, name);
        else if (p.NameEquals("valueRatio"u8)) slots.Ratio = DataTypeReader.Ratio(v, context, name);
        else if (p.NameEquals("valueRange"u8)) slots.Range = DataTypeReader.Range(v, context, name);
        else if (p.NameEquals("valueDateTime"u8)) slots.DateTime = JsonValues.String(v, context, name);
        else if (p.NameEquals("valuePeriod"u8)) slots.Period = DataTypeReader.Period(v, context, name);
        else if (p.NameEquals("valueTime"u8)) slots.Time = JsonValues.String(v, context, name);
        else if (p.NameEquals("valueSampledData"u8)) slots.SampledData = DataTypeReader.SampledData(v, context, name);
        else return false;
        return true;
    }

    // Seen in real data (essex clinical-trial-matching fork): a gene written as
    // valueQuantity {system, code, display} with no value. The intent is plainly a coded value.
    private static void ReadQuantity(JsonElement v, ReadContext context, string name, ref ValueSlots slots)
    {
        if (v.ValueKind == JsonValueKind.Object && !v.TryGetProperty("value"u8, out _) && v.TryGetProperty("code"u8, out _))
        {
            var coding = DataTypeReader.Coding(v, context, name);
            context.Warn($"{name}Quantity has a code but no value; read as a valueCodeableConcept");
            slots.CodeableConcept = new CodeableConcept { Coding = coding is null ? [] : [coding] };
            return;
        }
        slots.Quantity = DataTypeReader.Quantity(v, context, name);
    }
}
