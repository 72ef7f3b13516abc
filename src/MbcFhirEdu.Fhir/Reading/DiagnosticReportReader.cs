using System.Text.Json;
using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Reading;

/// <summary>Reads an R4 DiagnosticReport (diagnosticreport.html); STU3 <c>codedDiagnosis</c> becomes conclusionCode.</summary>
internal static class DiagnosticReportReader
{
    public static DiagnosticReport Read(ref Utf8JsonReader r, ReadContext context)
    {
        string? status = null, effective = null, issued = null, conclusion = null;
        IReadOnlyList<CodeableConcept> category = [], conclusionCode = [];
        IReadOnlyList<CodeableConcept>? codedDiagnosis = null;
        IReadOnlyList<ResourceReference> result = [];
        IReadOnlyList<Extension> extensions = [];
        CodeableConcept? code = null;
        ResourceReference? subject = null;
        Period? effectivePeriod = null;
        Meta? meta = null;
        while (JsonValues.NextProperty(ref r, out var p))
        {
            if (p.SequenceEqual("code"u8)) code = JsonValues.Repeated(ref r, context, RepeatSite.ResourceCode, "code", DataTypeReader.CodeableConcept);
            else if (p.SequenceEqual("status"u8)) status = JsonValues.Code(ref r, context, "status");
            else if (p.SequenceEqual("subject"u8)) subject = JsonValues.Repeated(ref r, context, RepeatSite.ResourceSubject, "subject", DataTypeReader.Reference);
            else if (p.SequenceEqual("category"u8))
                category = JsonValues.Repeated(ref r, context, RepeatSite.ResourceCategory, "category", DataTypeReader.CodeableConcepts) ?? [];
            else if (p.SequenceEqual("effectiveDateTime"u8)) effective = JsonValues.Code(ref r, context, "effectiveDateTime");
            else if (p.SequenceEqual("effectivePeriod"u8)) effectivePeriod = DataTypeReader.Period(ref r, context, "effectivePeriod");
            else if (p.SequenceEqual("issued"u8)) issued = JsonValues.Code(ref r, context, "issued");
            else if (p.SequenceEqual("result"u8)) result = JsonValues.List(ref r, context, "result", DataTypeReader.Reference);
            else if (p.SequenceEqual("conclusion"u8)) conclusion = JsonValues.String(ref r, context, "conclusion");
            else if (p.SequenceEqual("conclusionCode"u8))
                conclusionCode = JsonValues.Repeated(ref r, context, RepeatSite.ReportConclusionCode, "conclusionCode", DataTypeReader.CodeableConcepts) ?? [];
            else if (p.SequenceEqual("id"u8)) context.Id = JsonValues.String(ref r, context, "id");
            else if (p.SequenceEqual("meta"u8)) meta = JsonValues.Repeated(ref r, context, RepeatSite.ResourceMeta, "meta", DataTypeReader.Meta);
            else if (p.SequenceEqual("extension"u8)) extensions = ExtensionReader.List(ref r, context, "extension");
            else if (p.SequenceEqual("codedDiagnosis"u8)) codedDiagnosis = JsonValues.List(ref r, context, "codedDiagnosis", DataTypeReader.CodeableConcept);
            else r.Skip();
        }
        if (codedDiagnosis is not null)
        {
            context.Warn("'codedDiagnosis' (STU3 shape); read as conclusionCode");
            if (conclusionCode.Count == 0) conclusionCode = codedDiagnosis;
        }
        return new DiagnosticReport
        {
            Id = context.Id, Meta = meta, Extensions = extensions, Status = status, Category = category, Code = code, Subject = subject,
            EffectiveDateTime = effective, EffectivePeriod = effectivePeriod, Issued = issued, Result = result, Conclusion = conclusion,
            ConclusionCode = conclusionCode,
        };
    }
}
