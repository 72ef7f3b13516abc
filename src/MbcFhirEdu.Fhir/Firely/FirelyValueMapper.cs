using Hl7.Fhir.Model;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Mapping;

namespace MbcFhirEdu.Fhir.Firely;

/// <summary>
/// Observation.value[x] / dataAbsentReason as one <see cref="ObservationValue"/>, as <see cref="ValueMapper"/> maps them.
/// Firely holds one value[x] per element, so two value[x] are Firely's issue to report (it keeps the first one written,
/// where the old reader preferred the coded one).
/// </summary>
internal static class FirelyValueMapper
{
    /// <param name="component">The component's index, or null for the Observation's own value; used in warnings.</param>
    public static ObservationValue? Map(DataType? value, CodeableConcept? dataAbsentReason, FirelyMapContext context, int? component)
    {
        var element = CodingRules.ValueElement(component);
        if (value is not null && dataAbsentReason is not null) context.Warn(CodingRules.ValueAndAbsentReason(component));
        return (CodedInstead(value, element, context) ?? value) switch
        {
            CodeableConcept cc => Coded(cc),
            Quantity q => new ObservationValue
            {
                Kind = ValueKind.Quantity, Number = FirelyMapContext.Decimal(q.ValueElement), Comparator = FirelyMapContext.Text(q.ComparatorElement),
                Unit = q.Unit ?? q.Code,
            },
            FhirString s => new ObservationValue { Kind = ValueKind.String, Text = FirelyMapContext.Text(s) },
            FhirBoolean b => new ObservationValue { Kind = ValueKind.Boolean, Boolean = FirelyMapContext.Boolean(b) },
            Integer i => new ObservationValue { Kind = ValueKind.Integer, Number = FirelyMapContext.Decimal(i) },
            Ratio r => new ObservationValue
            {
                Kind = ValueKind.Ratio, Numerator = FirelyMapContext.Decimal(r.Numerator?.ValueElement),
                NumeratorComparator = FirelyMapContext.Text(r.Numerator?.ComparatorElement),
                Denominator = FirelyMapContext.Decimal(r.Denominator?.ValueElement), Unit = r.Numerator?.Unit,
            },
            Hl7.Fhir.Model.Range range => new ObservationValue
            {
                Kind = ValueKind.Range, Number = FirelyMapContext.Decimal(range.Low?.ValueElement), High = FirelyMapContext.Decimal(range.High?.ValueElement),
                Unit = range.Low?.Unit ?? range.High?.Unit,
            },
            FhirDateTime dateTime => new ObservationValue { Kind = ValueKind.DateTime, Text = FirelyMapContext.Text(dateTime) },
            Time time => new ObservationValue { Kind = ValueKind.Other, Text = FirelyMapContext.Text(time) },
            Period or SampledData => new ObservationValue { Kind = ValueKind.Other },
            null when dataAbsentReason is not null => new ObservationValue
            {
                Kind = ValueKind.Absent, Codes = FirelyMapContext.Codes(dataAbsentReason),
                Text = FirelyMapContext.Many<Coding>(dataAbsentReason, "coding").Select(c => FirelyMapContext.Text(c.CodeElement))
                        .FirstOrDefault(c => !string.IsNullOrWhiteSpace(c))
                    ?? dataAbsentReason.Text,
            },
            _ => null,
        };
    }

    // A value coded only in data-absent-reason says the same as dataAbsentReason (see CodingRules.AllDataAbsent).
    private static ObservationValue Coded(CodeableConcept cc)
    {
        var codings = FirelyMapContext.Many<Coding>(cc, "coding");
        return CodingRules.AllDataAbsent(codings, c => (c.System, FirelyMapContext.Text(c.CodeElement)))
            ? new ObservationValue { Kind = ValueKind.Absent, Codes = FirelyMapContext.Codes(cc), Text = FirelyMapContext.Text(codings[0].CodeElement) }
            : new ObservationValue { Kind = ValueKind.CodeableConcept, Codes = FirelyMapContext.Codes(cc), Text = cc.Text };
    }

    /// <summary>
    /// The coded value a malformed value[x] carries, or null. Two cases seen in real data, both read as coded by the old
    /// reader (CODES.md rule 8, the coded value wins): a valueQuantity {system, code, display} with no value (a gene
    /// written as a Quantity), and a second value[x] after the first, which Firely reports as a duplicate and folds
    /// into the first one, where its "coding" and "text" end up in the overflow.
    /// </summary>
    private static CodeableConcept? CodedInstead(DataType? value, string element, FirelyMapContext context)
    {
        if (value is Quantity { ValueElement: null, Code: { } code } quantity && !string.IsNullOrWhiteSpace(code))
        {
            context.Warn($"{element}Quantity has a code but no value; read as a valueCodeableConcept");
            var gene = new Coding { System = quantity.System, Code = code, Display = FirelyMapContext.Overflow(quantity, "display") };
            return new CodeableConcept { Coding = [gene] };
        }
        if (value is null or CodeableConcept || !value.TryGetValue("coding", out var coding)) return null;
        context.Warn($"{element}[x] has a second, coded value; the coded one is used");
        return new CodeableConcept
        {
            Coding = FirelyMapContext.DynamicCodings(coding),
            Text = FirelyMapContext.Overflow(value, "text"),
        };
    }
}
