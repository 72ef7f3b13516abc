using System.Text.Json;
using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Reading;

/// <summary>
/// Reads an R4 Observation (observation.html). Observations dominate real exports, so this reader keeps
/// its state in locals and allocates only the objects it returns.
/// </summary>
internal static class ObservationReader
{
    public static Observation Read(JsonElement e, ReadContext context)
    {
        string? status = null, effectiveDateTime = null, effectiveInstant = null, issued = null;
        IReadOnlyList<CodeableConcept> category = [], interpretation = [];
        IReadOnlyList<Annotation> note = [];
        IReadOnlyList<ObservationComponent> component = [];
        IReadOnlyList<Extension> extensions = [];
        CodeableConcept? code = null, dataAbsentReason = null, bodySite = null, method = null;
        ResourceReference? subject = null;
        Period? effectivePeriod = null;
        Meta? meta = null;
        var value = new ValueSlots();
        foreach (var p in e.EnumerateObject())
        {
            var v = p.Value;
            if (p.NameEquals("code"u8)) code = DataTypeReader.CodeableConcept(v, context, "code");
            else if (p.NameEquals("status"u8)) status = JsonValues.String(v, context, "status");
            else if (p.NameEquals("subject"u8)) subject = DataTypeReader.Reference(v, context, "subject");
            else if (p.NameEquals("category"u8)) category = JsonValues.List(v, context, "category", DataTypeReader.CodeableConcept);
            else if (p.NameEquals("effectiveDateTime"u8)) effectiveDateTime = JsonValues.String(v, context, "effectiveDateTime");
            else if (ValueReader.TryRead(p, context, "value", ref value)) continue;
            else if (p.NameEquals("interpretation"u8)) interpretation = JsonValues.List(v, context, "interpretation", DataTypeReader.CodeableConcept);
            else if (p.NameEquals("component"u8)) component = JsonValues.List(v, context, "component", Component);
            else if (p.NameEquals("effectivePeriod"u8)) effectivePeriod = DataTypeReader.Period(v, context, "effectivePeriod");
            else if (p.NameEquals("effectiveInstant"u8)) effectiveInstant = JsonValues.String(v, context, "effectiveInstant");
            else if (p.NameEquals("issued"u8)) issued = JsonValues.String(v, context, "issued");
            else if (p.NameEquals("dataAbsentReason"u8)) dataAbsentReason = DataTypeReader.CodeableConcept(v, context, "dataAbsentReason");
            else if (p.NameEquals("bodySite"u8)) bodySite = DataTypeReader.CodeableConcept(v, context, "bodySite");
            else if (p.NameEquals("method"u8)) method = DataTypeReader.CodeableConcept(v, context, "method");
            else if (p.NameEquals("note"u8)) note = JsonValues.List(v, context, "note", DataTypeReader.Annotation);
            else if (p.NameEquals("extension"u8)) extensions = ExtensionReader.List(v, context, "extension");
            else if (p.NameEquals("meta"u8)) meta = DataTypeReader.Meta(v, context, "meta");
            else if (p.NameEquals("comment"u8) || p.NameEquals("comments"u8)) note = OldComment(v, context, p.NameEquals("comment"u8));
            else if (p.NameEquals("patient"u8) && subject is null)
            {
                context.Warn("'patient' instead of 'subject'; read as the subject");
                subject = DataTypeReader.Reference(v, context, "patient");
            }
        }
        return new Observation
        {
            Id = context.Id, Meta = meta, Extensions = extensions, Status = status, Category = category, Code = code, Subject = subject,
            EffectiveDateTime = effectiveDateTime, EffectivePeriod = effectivePeriod, EffectiveInstant = effectiveInstant, Issued = issued,
            ValueQuantity = value.Quantity, ValueCodeableConcept = value.CodeableConcept, ValueString = value.String,
            ValueBoolean = value.Boolean, ValueInteger = value.Integer, ValueRange = value.Range, ValueRatio = value.Ratio,
            ValueSampledData = value.SampledData, ValueTime = value.Time, ValueDateTime = value.DateTime, ValuePeriod = value.Period,
            DataAbsentReason = dataAbsentReason, Interpretation = interpretation, Note = note, BodySite = bodySite, Method = method,
            Component = component,
        };
    }

    // STU3 `comment` and DSTU2 `comments` were plain strings; R4 replaced them with `note` (Annotation).
    private static IReadOnlyList<Annotation> OldComment(JsonElement v, ReadContext context, bool stu3)
    {
        context.Warn(stu3 ? "'comment' (STU3 shape); read as a note" : "'comments' (DSTU2 shape); read as a note");
        var text = JsonValues.String(v, context, stu3 ? "comment" : "comments");
        return text is null ? [] : [new Annotation { Text = text }];
    }

    private static ObservationComponent? Component(JsonElement e, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(e, context, name)) return null;
        CodeableConcept? code = null, dataAbsentReason = null;
        IReadOnlyList<CodeableConcept> interpretation = [];
        var value = new ValueSlots();
        foreach (var p in e.EnumerateObject())
        {
            if (p.NameEquals("code"u8)) code = DataTypeReader.CodeableConcept(p.Value, context, "component.code");
            else if (ValueReader.TryRead(p, context, "component.value", ref value)) continue;
            else if (p.NameEquals("dataAbsentReason"u8)) dataAbsentReason = DataTypeReader.CodeableConcept(p.Value, context, "component.dataAbsentReason");
            else if (p.NameEquals("interpretation"u8))
                interpretation = JsonValues.List(p.Value, context, "component.interpretation", DataTypeReader.CodeableConcept);
        }
        return new ObservationComponent
        {
            Code = code, ValueQuantity = value.Quantity, ValueCodeableConcept = value.CodeableConcept, ValueString = value.String,
            ValueBoolean = value.Boolean, ValueInteger = value.Integer, ValueRange = value.Range, ValueRatio = value.Ratio,
            ValueSampledData = value.SampledData, ValueTime = value.Time, ValueDateTime = value.DateTime, ValuePeriod = value.Period,
            DataAbsentReason = dataAbsentReason, Interpretation = interpretation,
        };
    }
}
