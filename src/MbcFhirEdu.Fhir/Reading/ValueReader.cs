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
    /// <summary>Reads the member named <paramref name="p"/> into <paramref name="slots"/> when it is a value[x]; false otherwise.</summary>
    /// <param name="resourceLevel">True for an Observation's own value (not a component's): repeated coded and quantity
    /// values are then stepped over (see <see cref="RepeatedValues"/>).</param>
    public static bool TryRead(scoped ReadOnlySpan<byte> p, ref Utf8JsonReader r, ReadContext context, string name, ref ValueSlots slots,
        bool resourceLevel = false)
    {
        // All value[x] names start with "value"; one prefix test spares the other members eleven comparisons.
        if (!p.StartsWith("value"u8)) return false;
        if (p.SequenceEqual("valueCodeableConcept"u8))
        {
            slots.CodeableConcept = resourceLevel
                ? JsonValues.Repeated(ref r, context, RepeatSite.ObservationValueCodeableConcept, name, DataTypeReader.CodeableConcept)
                : DataTypeReader.CodeableConcept(ref r, context, name);
        }
        else if (p.SequenceEqual("valueQuantity"u8))
        {
            if (resourceLevel) ReadRepeatedQuantity(ref r, context, name, ref slots);
            else ReadQuantity(ref r, context, name, ref slots);
        }
        else if (p.SequenceEqual("valueString"u8)) slots.String = JsonValues.String(ref r, context, name);
        else if (p.SequenceEqual("valueBoolean"u8)) slots.Boolean = JsonValues.Boolean(ref r, context, name);
        else if (p.SequenceEqual("valueInteger"u8)) slots.Integer = JsonValues.Integer(ref r, context, name);
        else if (p.SequenceEqual("valueRatio"u8)) slots.Ratio = DataTypeReader.Ratio(ref r, context, name);
        else if (p.SequenceEqual("valueRange"u8)) slots.Range = DataTypeReader.Range(ref r, context, name);
        else if (p.SequenceEqual("valueDateTime"u8)) slots.DateTime = JsonValues.String(ref r, context, name);
        else if (p.SequenceEqual("valuePeriod"u8)) slots.Period = DataTypeReader.Period(ref r, context, name);
        else if (p.SequenceEqual("valueTime"u8)) slots.Time = JsonValues.String(ref r, context, name);
        else if (p.SequenceEqual("valueSampledData"u8)) slots.SampledData = DataTypeReader.SampledData(ref r, context, name);
        else return false;
        return true;
    }

    private static void ReadRepeatedQuantity(ref Utf8JsonReader r, ReadContext context, string name, ref ValueSlots slots)
    {
        var repeats = context.Strings.Repeats;
        if (repeats.TryStepOver(ref r, RepeatSite.ObservationValueQuantity, out var known))
        {
            slots.Quantity = (Quantity?)known;
            return;
        }
        var start = repeats.Start(r, RepeatSite.ObservationValueQuantity);
        var warnings = context.WarningCount;
        ReadQuantity(ref r, context, name, ref slots);
        // A quantity turned into a coded value warns, so only plain quantities are remembered.
        if (context.WarningCount == warnings && slots.Quantity is { } quantity) repeats.Remember(r, RepeatSite.ObservationValueQuantity, start, quantity);
    }

    // Seen in real data (essex clinical-trial-matching fork): a gene written as
    // valueQuantity {system, code, display} with no value. The intent is plainly a coded value.
    private static void ReadQuantity(ref Utf8JsonReader r, ReadContext context, string name, ref ValueSlots slots)
    {
        if (!JsonValues.IsObject(ref r, context, name, "Quantity")) return;
        var quantity = DataTypeReader.QuantityMembers(ref r, context, name, out var display);
        if (quantity.Value is null && quantity.Code is not null)
        {
            context.Warn($"{name}Quantity has a code but no value; read as a valueCodeableConcept");
            slots.CodeableConcept = new CodeableConcept { Coding = [new Coding { System = quantity.System, Code = quantity.Code, Display = display }] };
            return;
        }
        slots.Quantity = quantity;
    }
}
