using System.Text.Json;
using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Reading;

/// <summary>Reads an R4 Condition (condition.html), accepting the STU3/DSTU2 shapes real EHR exports still send.</summary>
internal static class ConditionReader
{
    private const string ClinicalSystem = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    private const string VerificationSystem = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

    // The members that may form a run (see RepeatedValues); each has its own site, keyed by the member the run starts with.
    private enum Member : byte { Meta, ClinicalStatus, VerificationStatus, Category, Code, BodySite, Subject }

    private static readonly RepeatSite[] RunSites =
    [
        RepeatSite.ConditionRunMeta, RepeatSite.ConditionRunClinicalStatus, RepeatSite.ConditionRunVerificationStatus,
        RepeatSite.ConditionRunCategory, RepeatSite.ConditionRunCode, RepeatSite.ConditionRunBodySite, RepeatSite.ConditionRunSubject,
    ];

    private struct Fields
    {
        public CodeableConcept? Clinical, Verification, Code;
        public IReadOnlyList<CodeableConcept> Category, BodySite;
        public ResourceReference? Subject;
        public Meta? Meta;
    }

    public static Condition Read(ref Utf8JsonReader r, ReadContext context)
    {
        var f = new Fields { Category = [], BodySite = [] };
        ResourceReference? patient = null;
        string? onset = null, abatement = null, recorded = null, dateRecorded = null, assertedDate = null;
        Period? onsetPeriod = null, abatementPeriod = null;
        IReadOnlyList<ConditionStage> stage = [];
        IReadOnlyList<Annotation> note = [];
        IReadOnlyList<Extension> extensions = [];
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
                case 4 when p.SequenceEqual("note"u8): note = JsonValues.List(ref r, context, "note", DataTypeReader.Annotation); break;
                case 5 when p.SequenceEqual("stage"u8): stage = JsonValues.List(ref r, context, "stage", Stage); break;
                case 7 when p.SequenceEqual("patient"u8): patient = DataTypeReader.Reference(ref r, context, "patient"); break;
                case 9 when p.SequenceEqual("extension"u8): extensions = ExtensionReader.List(ref r, context, "extension"); break;
                case 11 when p.SequenceEqual("onsetPeriod"u8): onsetPeriod = DataTypeReader.Period(ref r, context, "onsetPeriod"); break;
                case 12 when p.SequenceEqual("recordedDate"u8): recorded = JsonValues.Code(ref r, context, "recordedDate"); break;
                case 12 when p.SequenceEqual("dateRecorded"u8): dateRecorded = JsonValues.String(ref r, context, "dateRecorded"); break;
                case 12 when p.SequenceEqual("assertedDate"u8): assertedDate = JsonValues.String(ref r, context, "assertedDate"); break;
                case 13 when p.SequenceEqual("onsetDateTime"u8): onset = JsonValues.Code(ref r, context, "onsetDateTime"); break;
                case 15 when p.SequenceEqual("abatementPeriod"u8): abatementPeriod = DataTypeReader.Period(ref r, context, "abatementPeriod"); break;
                case 17 when p.SequenceEqual("abatementDateTime"u8): abatement = JsonValues.String(ref r, context, "abatementDateTime"); break;
                default: r.Skip(); break;
            }
        }
        run.Flush();
        var (clinical, verification, code, category, bodySite, subject, meta) = (f.Clinical, f.Verification, f.Code, f.Category, f.BodySite, f.Subject, f.Meta);

        // DSTU2 `patient`, DSTU2 `dateRecorded` and STU3 `assertedDate` have R4 homes; the R4 element wins when both exist.
        if (patient is not null)
        {
            context.Warn("'patient' instead of 'subject' (DSTU2 shape); read as the subject");
            subject ??= patient;
        }
        if (dateRecorded is not null)
        {
            context.Warn("'dateRecorded' (DSTU2 shape); read as recordedDate");
            recorded ??= dateRecorded;
        }
        if (assertedDate is not null)
        {
            context.Warn("'assertedDate' element (STU3 shape); read as the condition-assertedDate extension");
            extensions = [.. extensions, new Extension { Url = Extension.ConditionAssertedDateUrl, ValueDateTime = assertedDate }];
        }
        return new Condition
        {
            Id = context.Id, Meta = meta, Extensions = extensions, ClinicalStatus = clinical, VerificationStatus = verification,
            Category = category, Code = code, BodySite = bodySite, Subject = subject, OnsetDateTime = onset, OnsetPeriod = onsetPeriod,
            AbatementDateTime = abatement, AbatementPeriod = abatementPeriod, RecordedDate = recorded, Stage = stage, Note = note,
        };
    }

    private static Member? RunMemberOf(ReadOnlySpan<byte> p) => p.Length switch
    {
        4 when p.SequenceEqual("meta"u8) => Member.Meta,
        4 when p.SequenceEqual("code"u8) => Member.Code,
        7 when p.SequenceEqual("subject"u8) => Member.Subject,
        8 when p.SequenceEqual("category"u8) => Member.Category,
        8 when p.SequenceEqual("bodySite"u8) => Member.BodySite,
        14 when p.SequenceEqual("clinicalStatus"u8) => Member.ClinicalStatus,
        18 when p.SequenceEqual("verificationStatus"u8) => Member.VerificationStatus,
        _ => null,
    };

    // Reads one run member into its field and returns its reading, which a run remembers.
    private static object? ReadMember(ref Utf8JsonReader r, ReadContext context, byte member, ref Fields f) => (Member)member switch
    {
        Member.Meta => f.Meta = JsonValues.Repeated(ref r, context, RepeatSite.ResourceMeta, "meta", DataTypeReader.Meta),
        Member.ClinicalStatus => f.Clinical = JsonValues.Repeated(ref r, context, RepeatSite.ConditionClinicalStatus, "clinicalStatus", ClinicalStatus),
        Member.VerificationStatus =>
            f.Verification = JsonValues.Repeated(ref r, context, RepeatSite.ConditionVerificationStatus, "verificationStatus", VerificationStatus),
        Member.Category => f.Category = JsonValues.Repeated(ref r, context, RepeatSite.ResourceCategory, "category", DataTypeReader.CodeableConcepts) ?? [],
        Member.Code => f.Code = JsonValues.Repeated(ref r, context, RepeatSite.ResourceCode, "code", DataTypeReader.CodeableConcept),
        Member.BodySite => f.BodySite = JsonValues.Repeated(ref r, context, RepeatSite.ConditionBodySite, "bodySite", DataTypeReader.CodeableConcepts) ?? [],
        _ => f.Subject = JsonValues.Repeated(ref r, context, RepeatSite.ResourceSubject, "subject", DataTypeReader.Reference),
    };

    // Sets the field a remembered member was read into, as ReadMember did.
    private static void Apply(ref Fields f, byte member, object? value)
    {
        switch ((Member)member)
        {
            case Member.Meta: f.Meta = (Meta?)value; break;
            case Member.ClinicalStatus: f.Clinical = (CodeableConcept?)value; break;
            case Member.VerificationStatus: f.Verification = (CodeableConcept?)value; break;
            case Member.Category: f.Category = (IReadOnlyList<CodeableConcept>)value!; break;
            case Member.Code: f.Code = (CodeableConcept?)value; break;
            case Member.BodySite: f.BodySite = (IReadOnlyList<CodeableConcept>)value!; break;
            default: f.Subject = (ResourceReference?)value; break;
        }
    }

    private static CodeableConcept? ClinicalStatus(ref Utf8JsonReader r, ReadContext context, string name) => Status(ref r, context, name, ClinicalSystem);

    private static CodeableConcept? VerificationStatus(ref Utf8JsonReader r, ReadContext context, string name) =>
        Status(ref r, context, name, VerificationSystem);

    // STU3 and DSTU2 write the statuses as a bare code string; R4 makes them CodeableConcepts.
    private static CodeableConcept? Status(ref Utf8JsonReader r, ReadContext context, string name, string system)
    {
        if (r.TokenType != JsonTokenType.String) return DataTypeReader.CodeableConcept(ref r, context, name);
        context.Warn($"{name} is a plain string (STU3/DSTU2 shape); read as a {system[(system.LastIndexOf('/') + 1)..]} code");
        return new CodeableConcept { Coding = [new Coding { System = system, Code = r.GetString() }] };
    }

    private static ConditionStage? Stage(ref Utf8JsonReader r, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(ref r, context, name)) return null;
        CodeableConcept? summary = null, type = null;
        IReadOnlyList<ResourceReference> assessment = [];
        while (JsonValues.NextProperty(ref r, out var p))
        {
            if (p.SequenceEqual("summary"u8)) summary = DataTypeReader.CodeableConcept(ref r, context, "stage.summary");
            else if (p.SequenceEqual("assessment"u8)) assessment = JsonValues.List(ref r, context, "stage.assessment", DataTypeReader.Reference);
            else if (p.SequenceEqual("type"u8)) type = DataTypeReader.CodeableConcept(ref r, context, "stage.type");
            else r.Skip();
        }
        return new ConditionStage { Summary = summary, Assessment = assessment, Type = type };
    }
}
