using System.Text.Json;
using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Reading;

/// <summary>
/// Reads an R4 Observation (observation.html). Observations dominate real exports, so this reader keeps
/// its state in one struct and allocates only the objects it returns. Members that repeat from one Observation to the
/// next (meta, status, category, code, coded or quantity value, interpretation, component, subject, body site, method)
/// are also remembered as runs: a later Observation whose bytes repeat a whole run is stepped over in one go (see
/// <see cref="RepeatedValues"/>), and the run's readings are applied as read the first time.
/// </summary>
internal static class ObservationReader
{
    // The members that may form a run; each has its own site, keyed by the member the run starts with.
    private enum Member : byte { Meta, Status, Category, Code, ValueQuantity, ValueCodeableConcept, Interpretation, Component, Subject, BodySite, Method }

    private static readonly RepeatSite[] RunSites =
    [
        RepeatSite.ObservationRunMeta, RepeatSite.ObservationRunStatus, RepeatSite.ObservationRunCategory, RepeatSite.ObservationRunCode,
        RepeatSite.ObservationRunValueQuantity, RepeatSite.ObservationRunValueCodeableConcept, RepeatSite.ObservationRunInterpretation,
        RepeatSite.ObservationRunComponent, RepeatSite.ObservationRunSubject, RepeatSite.ObservationRunBodySite, RepeatSite.ObservationRunMethod,
    ];

    private struct Fields
    {
        public string? Status, EffectiveDateTime, EffectiveInstant, Issued;
        public IReadOnlyList<CodeableConcept> Category, Interpretation;
        public IReadOnlyList<Annotation> Note;
        public IReadOnlyList<ObservationComponent> Component;
        public IReadOnlyList<Extension> Extensions;
        public IReadOnlyList<ResourceReference> Focus;
        public CodeableConcept? Code, DataAbsentReason, BodySite, Method;
        public ResourceReference? Subject, Patient;
        public Period? EffectivePeriod;
        public Meta? Meta;
        public ValueSlots Value;
    }

    public static Observation Read(ref Utf8JsonReader r, ReadContext context)
    {
        var f = new Fields { Category = [], Interpretation = [], Note = [], Component = [], Extensions = [], Focus = [] };
        var repeats = context.Strings.Repeats;
        var run = new RunRecorder(repeats);
        while (JsonValues.NextProperty(ref r, repeats, out var p, out var nameStart))
        {
            if (RunMemberOf(p) is { } member)
            {
                run.Read(ref r, context, (byte)member, RunSites[(int)member], nameStart, ref f, ReadMember, Apply);
                continue;
            }
            run.Flush();
            // Dispatched on the name's length first: one comparison or two per member instead of a chain of twenty.
            switch (p.Length)
            {
                case 2 when p.SequenceEqual("id"u8): context.Id = JsonValues.String(ref r, context, "id"); break;
                case 4 when p.SequenceEqual("note"u8): f.Note = JsonValues.List(ref r, context, "note", DataTypeReader.Annotation); break;
                case 5 when p.SequenceEqual("focus"u8): f.Focus = JsonValues.List(ref r, context, "focus", DataTypeReader.Reference); break;
                case 6 when p.SequenceEqual("issued"u8): f.Issued = JsonValues.Code(ref r, context, "issued"); break;
                case 7 when p.SequenceEqual("comment"u8): f.Note = OldComment(ref r, context, "comment", "STU3"); break;
                case 7 when p.SequenceEqual("patient"u8): f.Patient = DataTypeReader.Reference(ref r, context, "patient"); break;
                case 8 when p.SequenceEqual("comments"u8): f.Note = OldComment(ref r, context, "comments", "DSTU2"); break;
                case 9 when p.SequenceEqual("extension"u8): f.Extensions = ExtensionReader.List(ref r, context, "extension"); break;
                case 15 when p.SequenceEqual("effectivePeriod"u8): f.EffectivePeriod = DataTypeReader.Period(ref r, context, "effectivePeriod"); break;
                case 16 when p.SequenceEqual("effectiveInstant"u8): f.EffectiveInstant = JsonValues.String(ref r, context, "effectiveInstant"); break;
                case 16 when p.SequenceEqual("dataAbsentReason"u8):
                    f.DataAbsentReason = DataTypeReader.CodeableConcept(ref r, context, "dataAbsentReason");
                    break;
                case 17 when p.SequenceEqual("effectiveDateTime"u8): f.EffectiveDateTime = JsonValues.Code(ref r, context, "effectiveDateTime"); break;
                default:
                    if (!ValueReader.TryRead(p, ref r, context, "value", ref f.Value)) r.Skip();
                    break;
            }
        }
        run.Flush();
        if (f.Patient is not null)
        {
            context.Warn("'patient' instead of 'subject'; read as the subject");
            f.Subject ??= f.Patient;
        }
        var value = f.Value;
        return new Observation
        {
            Id = context.Id, Meta = f.Meta, Extensions = f.Extensions, Status = f.Status, Category = f.Category, Code = f.Code, Subject = f.Subject,
            Focus = f.Focus,
            EffectiveDateTime = f.EffectiveDateTime, EffectivePeriod = f.EffectivePeriod, EffectiveInstant = f.EffectiveInstant, Issued = f.Issued,
            ValueQuantity = value.Quantity, ValueCodeableConcept = value.CodeableConcept, ValueString = value.String,
            ValueBoolean = value.Boolean, ValueInteger = value.Integer, ValueRange = value.Range, ValueRatio = value.Ratio,
            ValueSampledData = value.SampledData, ValueTime = value.Time, ValueDateTime = value.DateTime, ValuePeriod = value.Period,
            DataAbsentReason = f.DataAbsentReason, Interpretation = f.Interpretation, Note = f.Note, BodySite = f.BodySite, Method = f.Method,
            Component = f.Component,
        };
    }

    private static Member? RunMemberOf(ReadOnlySpan<byte> p) => p.Length switch
    {
        4 when p.SequenceEqual("meta"u8) => Member.Meta,
        4 when p.SequenceEqual("code"u8) => Member.Code,
        6 when p.SequenceEqual("status"u8) => Member.Status,
        6 when p.SequenceEqual("method"u8) => Member.Method,
        7 when p.SequenceEqual("subject"u8) => Member.Subject,
        8 when p.SequenceEqual("category"u8) => Member.Category,
        8 when p.SequenceEqual("bodySite"u8) => Member.BodySite,
        9 when p.SequenceEqual("component"u8) => Member.Component,
        13 when p.SequenceEqual("valueQuantity"u8) => Member.ValueQuantity,
        14 when p.SequenceEqual("interpretation"u8) => Member.Interpretation,
        20 when p.SequenceEqual("valueCodeableConcept"u8) => Member.ValueCodeableConcept,
        _ => null,
    };

    // Reads one run member into its field and returns its reading, which a run remembers.
    private static object? ReadMember(ref Utf8JsonReader r, ReadContext context, byte member, ref Fields f)
    {
        switch ((Member)member)
        {
            case Member.Meta: return f.Meta = JsonValues.Repeated(ref r, context, RepeatSite.ResourceMeta, "meta", DataTypeReader.Meta);
            case Member.Status: return f.Status = JsonValues.Code(ref r, context, "status");
            case Member.Category:
                return f.Category = JsonValues.Repeated(ref r, context, RepeatSite.ResourceCategory, "category", DataTypeReader.CodeableConcepts) ?? [];
            case Member.Code: return f.Code = JsonValues.Repeated(ref r, context, RepeatSite.ResourceCode, "code", DataTypeReader.CodeableConcept);
            case Member.ValueQuantity:
                ValueReader.TryRead("valueQuantity"u8, ref r, context, "value", ref f.Value, resourceLevel: true);
                return f.Value.Quantity;
            case Member.ValueCodeableConcept:
                ValueReader.TryRead("valueCodeableConcept"u8, ref r, context, "value", ref f.Value, resourceLevel: true);
                return f.Value.CodeableConcept;
            case Member.Interpretation:
                return f.Interpretation =
                    JsonValues.Repeated(ref r, context, RepeatSite.ObservationInterpretation, "interpretation", DataTypeReader.CodeableConcepts) ?? [];
            case Member.Component:
                return f.Component = JsonValues.Repeated(ref r, context, RepeatSite.ObservationComponent, "component", Components) ?? [];
            case Member.Subject:
                return f.Subject = JsonValues.Repeated(ref r, context, RepeatSite.ResourceSubject, "subject", DataTypeReader.Reference);
            case Member.BodySite:
                return f.BodySite = JsonValues.Repeated(ref r, context, RepeatSite.ObservationBodySite, "bodySite", DataTypeReader.CodeableConcept);
            default:
                return f.Method = JsonValues.Repeated(ref r, context, RepeatSite.ObservationMethod, "method", DataTypeReader.CodeableConcept);
        }
    }

    // Sets the field a remembered member was read into, as ReadMember did.
    private static void Apply(ref Fields f, byte member, object? value)
    {
        switch ((Member)member)
        {
            case Member.Meta: f.Meta = (Meta?)value; break;
            case Member.Status: f.Status = (string?)value; break;
            case Member.Category: f.Category = (IReadOnlyList<CodeableConcept>)value!; break;
            case Member.Code: f.Code = (CodeableConcept?)value; break;
            case Member.ValueQuantity: f.Value.Quantity = (Quantity?)value; break;
            case Member.ValueCodeableConcept: f.Value.CodeableConcept = (CodeableConcept?)value; break;
            case Member.Interpretation: f.Interpretation = (IReadOnlyList<CodeableConcept>)value!; break;
            case Member.Component: f.Component = (IReadOnlyList<ObservationComponent>)value!; break;
            case Member.Subject: f.Subject = (ResourceReference?)value; break;
            case Member.BodySite: f.BodySite = (CodeableConcept?)value; break;
            default: f.Method = (CodeableConcept?)value; break;
        }
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
