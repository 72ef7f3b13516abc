using System.Text.Json;
using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Reading;

/// <summary>
/// Reads an R4 Observation (observation.html). Observations dominate real exports, so this reader keeps
/// its state in locals and allocates only the objects it returns.
/// </summary>
internal static class ObservationReader
{
    public static Observation Read(ref Utf8JsonReader r, ReadContext context)
    {
        string? status = null, effectiveDateTime = null, effectiveInstant = null, issued = null;
        IReadOnlyList<CodeableConcept> category = [], interpretation = [];
        IReadOnlyList<Annotation> note = [];
        IReadOnlyList<ObservationComponent> component = [];
        IReadOnlyList<Extension> extensions = [];
        CodeableConcept? code = null, dataAbsentReason = null, bodySite = null, method = null;
        ResourceReference? subject = null, patient = null;
        Period? effectivePeriod = null;
        Meta? meta = null;
        var value = new ValueSlots();
        // Dispatched on the name's length first: one comparison or two per member instead of a chain of twenty.
        while (JsonValues.NextProperty(ref r, out var p))
        {
            switch (p.Length)
            {
                case 2 when p.SequenceEqual("id"u8): context.Id = JsonValues.String(ref r, context, "id"); break;
                case 4 when p.SequenceEqual("code"u8): code = JsonValues.Repeated(ref r, context, RepeatSite.ResourceCode, "code", DataTypeReader.CodeableConcept); break;
                case 4 when p.SequenceEqual("meta"u8): meta = JsonValues.Repeated(ref r, context, RepeatSite.ResourceMeta, "meta", DataTypeReader.Meta); break;
                case 4 when p.SequenceEqual("note"u8): note = JsonValues.List(ref r, context, "note", DataTypeReader.Annotation); break;
                case 6 when p.SequenceEqual("status"u8): status = JsonValues.Code(ref r, context, "status"); break;
                case 6 when p.SequenceEqual("issued"u8): issued = JsonValues.Code(ref r, context, "issued"); break;
                case 6 when p.SequenceEqual("method"u8):
                    method = JsonValues.Repeated(ref r, context, RepeatSite.ObservationMethod, "method", DataTypeReader.CodeableConcept);
                    break;
                case 7 when p.SequenceEqual("subject"u8):
                    subject = JsonValues.Repeated(ref r, context, RepeatSite.ResourceSubject, "subject", DataTypeReader.Reference);
                    break;
                case 7 when p.SequenceEqual("comment"u8): note = OldComment(ref r, context, "comment", "STU3"); break;
                case 7 when p.SequenceEqual("patient"u8): patient = DataTypeReader.Reference(ref r, context, "patient"); break;
                case 8 when p.SequenceEqual("category"u8):
                    category = JsonValues.Repeated(ref r, context, RepeatSite.ResourceCategory, "category", DataTypeReader.CodeableConcepts) ?? [];
                    break;
                case 8 when p.SequenceEqual("bodySite"u8):
                    bodySite = JsonValues.Repeated(ref r, context, RepeatSite.ObservationBodySite, "bodySite", DataTypeReader.CodeableConcept);
                    break;
                case 8 when p.SequenceEqual("comments"u8): note = OldComment(ref r, context, "comments", "DSTU2"); break;
                case 9 when p.SequenceEqual("component"u8):
                    component = JsonValues.Repeated(ref r, context, RepeatSite.ObservationComponent, "component", Components) ?? [];
                    break;
                case 9 when p.SequenceEqual("extension"u8): extensions = ExtensionReader.List(ref r, context, "extension"); break;
                case 14 when p.SequenceEqual("interpretation"u8):
                    interpretation = JsonValues.Repeated(ref r, context, RepeatSite.ObservationInterpretation, "interpretation", DataTypeReader.CodeableConcepts) ?? [];
                    break;
                case 15 when p.SequenceEqual("effectivePeriod"u8): effectivePeriod = DataTypeReader.Period(ref r, context, "effectivePeriod"); break;
                case 16 when p.SequenceEqual("effectiveInstant"u8): effectiveInstant = JsonValues.String(ref r, context, "effectiveInstant"); break;
                case 16 when p.SequenceEqual("dataAbsentReason"u8):
                    dataAbsentReason = DataTypeReader.CodeableConcept(ref r, context, "dataAbsentReason");
                    break;
                case 17 when p.SequenceEqual("effectiveDateTime"u8): effectiveDateTime = JsonValues.Code(ref r, context, "effectiveDateTime"); break;
                default:
                    if (!ValueReader.TryRead(p, ref r, context, "value", ref value, resourceLevel: true)) r.Skip();
                    break;
            }
        }
        if (patient is not null)
        {
            context.Warn("'patient' instead of 'subject'; read as the subject");
            subject ??= patient;
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
    private static IReadOnlyList<Annotation> OldComment(ref Utf8JsonReader r, ReadContext context, string name, string version)
    {
        context.Warn($"'{name}' ({version} shape); read as a note");
        var text = JsonValues.String(ref r, context, name);
        return text is null ? [] : [new Annotation { Text = text }];
    }

    private static IReadOnlyList<ObservationComponent>? Components(ref Utf8JsonReader r, ReadContext context, string name) =>
        JsonValues.List(ref r, context, name, Component);

    private static ObservationComponent? Component(ref Utf8JsonReader r, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(ref r, context, name)) return null;
        CodeableConcept? code = null, dataAbsentReason = null;
        IReadOnlyList<CodeableConcept> interpretation = [];
        var value = new ValueSlots();
        while (JsonValues.NextProperty(ref r, out var p))
        {
            if (p.SequenceEqual("code"u8)) code = DataTypeReader.CodeableConcept(ref r, context, "component.code");
            else if (ValueReader.TryRead(p, ref r, context, "component.value", ref value)) continue;
            else if (p.SequenceEqual("dataAbsentReason"u8)) dataAbsentReason = DataTypeReader.CodeableConcept(ref r, context, "component.dataAbsentReason");
            else if (p.SequenceEqual("interpretation"u8))
                interpretation = JsonValues.List(ref r, context, "component.interpretation", DataTypeReader.CodeableConcept);
            else r.Skip();
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
