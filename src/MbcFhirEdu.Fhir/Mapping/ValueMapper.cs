using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Mapping;

/// <summary>
/// Maps value[x] / dataAbsentReason (observation.html#Observation.value_x_) to one <see cref="ObservationValue"/>.
/// When a resource carries several value[x] (invalid, but seen in real data) the coded one wins, matching
/// CODES.md rule 8; the others are reported, not silently merged. dataAbsentReason, and a value coded only
/// in the data-absent-reason system, map to <see cref="ValueKind.Absent"/> with the reason code as text.
/// </summary>
internal static class ValueMapper
{
    /// <summary>Observation.value[x] or component.value[x], flattened so both map through one method.</summary>
    public readonly record struct Elements(
        CodeableConcept? CodeableConcept, Quantity? Quantity, string? String, bool? Boolean, int? Integer, Ratio? Ratio,
        QuantityRange? Range, string? DateTime, Period? Period, string? Time, SampledData? SampledData, CodeableConcept? DataAbsentReason)
    {
        public static Elements Of(Observation o) => new(o.ValueCodeableConcept, o.ValueQuantity, o.ValueString, o.ValueBoolean,
            o.ValueInteger, o.ValueRatio, o.ValueRange, o.ValueDateTime, o.ValuePeriod, o.ValueTime, o.ValueSampledData, o.DataAbsentReason);

        public static Elements Of(ObservationComponent c) => new(c.ValueCodeableConcept, c.ValueQuantity, c.ValueString, c.ValueBoolean,
            c.ValueInteger, c.ValueRatio, c.ValueRange, c.ValueDateTime, c.ValuePeriod, c.ValueTime, c.ValueSampledData, c.DataAbsentReason);
    }

    /// <param name="component">The component's index, or null for the Observation's own value; used in warnings.</param>
    public static ObservationValue? Map(in Elements v, MapContext context, int? component)
    {
        var present = Count(v);
        if (present > 1)
        {
            var names = Names(v);
            context.Warn($"{Element(component)}[x] has {present} values ({string.Join(", ", names)}); {names[0]} is used");
        }
        if (present > 0 && v.DataAbsentReason is not null) context.Warn(CodingRules.ValueAndAbsentReason(component));
        if (v.CodeableConcept is { } cc) return context.CodedValue(cc, CodedValue);
        if (v.Quantity is { } q) return context.QuantityValue(q);
        if (v.String is { } s) return new ObservationValue { Kind = ValueKind.String, Text = s };
        if (v.Boolean is { } b) return new ObservationValue { Kind = ValueKind.Boolean, Boolean = b };
        if (v.Integer is { } i) return new ObservationValue { Kind = ValueKind.Integer, Number = i };
        if (v.Ratio is { } r)
        {
            return new ObservationValue
            {
                Kind = ValueKind.Ratio, Numerator = r.Numerator?.Value, NumeratorComparator = r.Numerator?.Comparator,
                Denominator = r.Denominator?.Value, Unit = r.Numerator?.Unit,
            };
        }
        if (v.Range is { } range)
        {
            return new ObservationValue
            {
                Kind = ValueKind.Range, Number = range.Low?.Value, High = range.High?.Value, Unit = range.Low?.Unit ?? range.High?.Unit,
            };
        }
        if (v.DateTime is { } dateTime) return new ObservationValue { Kind = ValueKind.DateTime, Text = dateTime };
        if (v.Time is { } time) return new ObservationValue { Kind = ValueKind.Other, Text = time };
        if (v.Period is not null || v.SampledData is not null) return new ObservationValue { Kind = ValueKind.Other };
        if (v.DataAbsentReason is { } absent)
        {
            var reason = absent.Coding.FirstOrDefault(static c => !string.IsNullOrWhiteSpace(c.Code))?.Code ?? absent.Text;
            return new ObservationValue { Kind = ValueKind.Absent, Text = reason, Codes = context.Codes(absent) };
        }
        return null;
    }

    // Depends on the concept alone, so it is remembered per concept instance.
    private static ObservationValue CodedValue(CodeableConcept cc, CodeNormalizer codes) =>
        IsDataAbsentCode(cc)
            ? codes.Coded(ValueKind.Absent, codes.Codes(cc), cc.Coding[0].Code)
            : codes.Coded(ValueKind.CodeableConcept, codes.Codes(cc), cc.Text);

    private static bool IsDataAbsentCode(CodeableConcept concept) => CodingRules.AllDataAbsent(concept.Coding, static c => (c.System, c.Code));

    private static string Element(int? component) => CodingRules.ValueElement(component);

    private static int Count(in Elements v) =>
        (v.CodeableConcept is null ? 0 : 1) + (v.Quantity is null ? 0 : 1) + (v.String is null ? 0 : 1) + (v.Boolean is null ? 0 : 1) +
        (v.Integer is null ? 0 : 1) + (v.Ratio is null ? 0 : 1) + (v.Range is null ? 0 : 1) + (v.DateTime is null ? 0 : 1) +
        (v.Period is null ? 0 : 1) + (v.Time is null ? 0 : 1) + (v.SampledData is null ? 0 : 1);

    // Same order as the precedence in Map, so the first name is the one used.
    private static List<string> Names(in Elements v)
    {
        var names = new List<string>(4);
        if (v.CodeableConcept is not null) names.Add("valueCodeableConcept");
        if (v.Quantity is not null) names.Add("valueQuantity");
        if (v.String is not null) names.Add("valueString");
        if (v.Boolean is not null) names.Add("valueBoolean");
        if (v.Integer is not null) names.Add("valueInteger");
        if (v.Ratio is not null) names.Add("valueRatio");
        if (v.Range is not null) names.Add("valueRange");
        if (v.DateTime is not null) names.Add("valueDateTime");
        if (v.Time is not null) names.Add("valueTime");
        if (v.Period is not null) names.Add("valuePeriod");
        if (v.SampledData is not null) names.Add("valueSampledData");
        return names;
    }
}
