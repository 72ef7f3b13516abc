using System.Text.Json;
using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Reading;

/// <summary>Reads an R4 Condition (condition.html), accepting the STU3/DSTU2 shapes real EHR exports still send.</summary>
internal static class ConditionReader
{
    private const string ClinicalSystem = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    private const string VerificationSystem = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

    public static Condition Read(JsonElement e, ReadContext context)
    {
        var c = new Condition { Id = context.Id };
        ResourceReference? patient = null;
        string? dateRecorded = null, assertedDate = null;
        foreach (var p in e.EnumerateObject())
        {
            var v = p.Value;
            if (p.NameEquals("code"u8)) c = c with { Code = DataTypeReader.CodeableConcept(v, context, "code") };
            else if (p.NameEquals("clinicalStatus"u8)) c = c with { ClinicalStatus = Status(v, context, "clinicalStatus", ClinicalSystem) };
            else if (p.NameEquals("verificationStatus"u8)) c = c with { VerificationStatus = Status(v, context, "verificationStatus", VerificationSystem) };
            else if (p.NameEquals("subject"u8)) c = c with { Subject = DataTypeReader.Reference(v, context, "subject") };
            else if (p.NameEquals("category"u8)) c = c with { Category = JsonValues.List(v, context, "category", DataTypeReader.CodeableConcept) };
            else if (p.NameEquals("bodySite"u8)) c = c with { BodySite = JsonValues.List(v, context, "bodySite", DataTypeReader.CodeableConcept) };
            else if (p.NameEquals("onsetDateTime"u8)) c = c with { OnsetDateTime = JsonValues.String(v, context, "onsetDateTime") };
            else if (p.NameEquals("onsetPeriod"u8)) c = c with { OnsetPeriod = DataTypeReader.Period(v, context, "onsetPeriod") };
            else if (p.NameEquals("recordedDate"u8)) c = c with { RecordedDate = JsonValues.String(v, context, "recordedDate") };
            else if (p.NameEquals("abatementDateTime"u8)) c = c with { AbatementDateTime = JsonValues.String(v, context, "abatementDateTime") };
            else if (p.NameEquals("abatementPeriod"u8)) c = c with { AbatementPeriod = DataTypeReader.Period(v, context, "abatementPeriod") };
            else if (p.NameEquals("stage"u8)) c = c with { Stage = JsonValues.List(v, context, "stage", Stage) };
            else if (p.NameEquals("note"u8)) c = c with { Note = JsonValues.List(v, context, "note", DataTypeReader.Annotation) };
            else if (p.NameEquals("extension"u8)) c = c with { Extensions = ExtensionReader.List(v, context, "extension") };
            else if (p.NameEquals("meta"u8)) c = c with { Meta = DataTypeReader.Meta(v, context, "meta") };
            else if (p.NameEquals("patient"u8)) patient = DataTypeReader.Reference(v, context, "patient");
            else if (p.NameEquals("dateRecorded"u8)) dateRecorded = JsonValues.String(v, context, "dateRecorded");
            else if (p.NameEquals("assertedDate"u8)) assertedDate = JsonValues.String(v, context, "assertedDate");
        }
        return ApplyOlderShapes(c, patient, dateRecorded, assertedDate, context);
    }

    // DSTU2 `patient`, DSTU2 `dateRecorded` and STU3 `assertedDate` have R4 homes; the R4 element wins when both exist.
    private static Condition ApplyOlderShapes(Condition c, ResourceReference? patient, string? dateRecorded, string? assertedDate, ReadContext context)
    {
        if (patient is not null)
        {
            context.Warn("'patient' instead of 'subject' (DSTU2 shape); read as the subject");
            c = c with { Subject = c.Subject ?? patient };
        }
        if (dateRecorded is not null)
        {
            context.Warn("'dateRecorded' (DSTU2 shape); read as recordedDate");
            c = c with { RecordedDate = c.RecordedDate ?? dateRecorded };
        }
        if (assertedDate is not null)
        {
            context.Warn("'assertedDate' element (STU3 shape); read as the condition-assertedDate extension");
            var asserted = new Extension { Url = Extension.ConditionAssertedDateUrl, ValueDateTime = assertedDate };
            c = c with { Extensions = [.. c.Extensions, asserted] };
        }
        return c;
    }

    // STU3 and DSTU2 write the statuses as a bare code string; R4 makes them CodeableConcepts.
    private static CodeableConcept? Status(JsonElement v, ReadContext context, string name, string system)
    {
        if (v.ValueKind != JsonValueKind.String) return DataTypeReader.CodeableConcept(v, context, name);
        context.Warn($"{name} is a plain string (STU3/DSTU2 shape); read as a {system[(system.LastIndexOf('/') + 1)..]} code");
        return new CodeableConcept { Coding = [new Coding { System = system, Code = v.GetString() }] };
    }

    private static ConditionStage? Stage(JsonElement e, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(e, context, name)) return null;
        var stage = new ConditionStage();
        foreach (var p in e.EnumerateObject())
        {
            if (p.NameEquals("summary"u8)) stage = stage with { Summary = DataTypeReader.CodeableConcept(p.Value, context, "stage.summary") };
            else if (p.NameEquals("assessment"u8)) stage = stage with { Assessment = JsonValues.List(p.Value, context, "stage.assessment", DataTypeReader.Reference) };
            else if (p.NameEquals("type"u8)) stage = stage with { Type = DataTypeReader.CodeableConcept(p.Value, context, "stage.type") };
        }
        return stage;
    }
}
