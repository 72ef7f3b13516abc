using Hl7.Fhir.Model;
using MbcFhirEdu.Core.Clinical;

namespace MbcFhirEdu.Fhir.Mapping;

/// <summary>
/// Observation.value[x] / dataAbsentReason as one <see cref="ObservationValue"/>. Firely holds one value[x] per element,
/// so two value[x] are Firely's issue to report; when the second one is coded, it is read (CODES.md rule 8, see CodedInstead).
/// </summary>
internal static class ValueMapper
{
    /// <param name="component">The component's index, or null for the Observation's own value; used in warnings.</param>
    public static ObservationValue? Map(DataType? value, CodeableConcept? dataAbsentReason, MapContext context, int? component)
    {
        var element = CodingRules.ValueElement(component);
        if (value is not null && dataAbsentReason is not null) context.Warn(CodingRules.ValueAndAbsentReason(component));
        return (CodedInstead(value, element, context) ?? value) switch
        {
            CodeableConcept cc => Coded(cc),
            Quantity q => new ObservationValue
            {
                Kind = ValueKind.Quantity, Number = MapContext.Decimal(q.ValueElement), Comparator = MapContext.Text(q.ComparatorElement),
                Unit = q.Unit ?? q.Code,
            },
            FhirString s => new ObservationValue { Kind = ValueKind.String, Text = MapContext.Text(s) },
            FhirBoolean b => new ObservationValue { Kind = ValueKind.Boolean, Boolean = MapContext.Boolean(b) },
            Integer i => new ObservationValue { Kind = ValueKind.Integer, Number = MapContext.Decimal(i) },
            Ratio r => new ObservationValue
            {
                Kind = ValueKind.Ratio, Numerator = MapContext.Decimal(r.Numerator?.ValueElement),
                NumeratorComparator = MapContext.Text(r.Numerator?.ComparatorElement),
                Denominator = MapContext.Decimal(r.Denominator?.ValueElement), Unit = r.Numerator?.Unit,
            },
            Hl7.Fhir.Model.Range range => new ObservationValue
            {
                Kind = ValueKind.Range, Number = MapContext.Decimal(range.Low?.ValueElement), High = MapContext.Decimal(range.High?.ValueElement),
                Unit = range.Low?.Unit ?? range.High?.Unit,
            },
            FhirDateTime dateTime => new ObservationValue { Kind = ValueKind.DateTime, Text = MapContext.Text(dateTime) },
            Time time => new ObservationValue { Kind = ValueKind.Other, Text = MapContext.Text(time) },
            Period or SampledData => new ObservationValue { Kind = ValueKind.Other },
            null when dataAbsentReason is not null => new ObservationValue
            {
                Kind = ValueKind.Absent, Codes = MapContext.Codes(dataAbsentReason),
                Text = MapContext.Many<Coding>(dataAbsentReason, "coding").Select(c => MapContext.Text(c.CodeElement))
                        .FirstOrDefault(c => !string.IsNullOrWhiteSpace(c))
                    ?? dataAbsentReason.Text,
            },
            _ => null,
        };
    }

    // A value coded only in data-absent-reason says the same as dataAbsentReason (see CodingRules.AllDataAbsent).
    private static ObservationValue Coded(CodeableConcept cc)
    {
        var codings = MapContext.Many<Coding>(cc, "coding");
        return CodingRules.AllDataAbsent(codings, c => (c.System, MapContext.Text(c.CodeElement)))
            ? new ObservationValue { Kind = ValueKind.Absent, Codes = MapContext.Codes(cc), Text = MapContext.Text(codings[0].CodeElement) }
            : new ObservationValue { Kind = ValueKind.CodeableConcept, Codes = MapContext.Codes(cc), Text = cc.Text };
    }

    /// <summary>
    /// The coded value a malformed value[x] carries, or null. Two cases seen in real data, both read as coded
    /// (CODES.md rule 8, the coded value wins): a valueQuantity {system, code, display} with no value (a gene
    /// written as a Quantity), and a second value[x] after the first, which Firely reports as a duplicate and folds
    /// into the first one, where its "coding" and "text" end up in the overflow.
    /// </summary>
    private static CodeableConcept? CodedInstead(DataType? value, string element, MapContext context)
    {
        if (value is Quantity { ValueElement: null, Code: { } code } quantity && !string.IsNullOrWhiteSpace(code))
        {
            context.Warn($"{element}Quantity has a code but no value; read as a valueCodeableConcept");
            var gene = new Coding { System = quantity.System, Code = code, Display = MapContext.Overflow(quantity, "display") };
            return new CodeableConcept { Coding = [gene] };
        }
        if (value is null or CodeableConcept || !value.TryGetValue("coding", out var coding)) return null;
        context.Warn($"{element}[x] has a second, coded value; the coded one is used");
        return new CodeableConcept
        {
            Coding = MapContext.DynamicCodings(coding),
            Text = MapContext.Overflow(value, "text"),
        };
    }
}
