using System.Text.Json;
using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Reading;

/// <summary>Reads an R4 DiagnosticReport (diagnosticreport.html); STU3 <c>codedDiagnosis</c> becomes conclusionCode.</summary>
internal static class DiagnosticReportReader
{
    public static DiagnosticReport Read(JsonElement e, ReadContext context)
    {
        var r = new DiagnosticReport { Id = context.Id };
        IReadOnlyList<CodeableConcept>? codedDiagnosis = null;
        foreach (var p in e.EnumerateObject())
        {
            var v = p.Value;
            if (p.NameEquals("code"u8)) r = r with { Code = DataTypeReader.CodeableConcept(v, context, "code") };
            else if (p.NameEquals("status"u8)) r = r with { Status = JsonValues.String(v, context, "status") };
            else if (p.NameEquals("subject"u8)) r = r with { Subject = DataTypeReader.Reference(v, context, "subject") };
            else if (p.NameEquals("category"u8)) r = r with { Category = JsonValues.List(v, context, "category", DataTypeReader.CodeableConcept) };
            else if (p.NameEquals("effectiveDateTime"u8)) r = r with { EffectiveDateTime = JsonValues.String(v, context, "effectiveDateTime") };
            else if (p.NameEquals("effectivePeriod"u8)) r = r with { EffectivePeriod = DataTypeReader.Period(v, context, "effectivePeriod") };
            else if (p.NameEquals("issued"u8)) r = r with { Issued = JsonValues.String(v, context, "issued") };
            else if (p.NameEquals("result"u8)) r = r with { Result = JsonValues.List(v, context, "result", DataTypeReader.Reference) };
            else if (p.NameEquals("conclusion"u8)) r = r with { Conclusion = JsonValues.String(v, context, "conclusion") };
            else if (p.NameEquals("conclusionCode"u8)) r = r with { ConclusionCode = JsonValues.List(v, context, "conclusionCode", DataTypeReader.CodeableConcept) };
            else if (p.NameEquals("extension"u8)) r = r with { Extensions = ExtensionReader.List(v, context, "extension") };
            else if (p.NameEquals("meta"u8)) r = r with { Meta = DataTypeReader.Meta(v, context, "meta") };
            else if (p.NameEquals("codedDiagnosis"u8)) codedDiagnosis = JsonValues.List(v, context, "codedDiagnosis", DataTypeReader.CodeableConcept);
        }
        if (codedDiagnosis is not null)
        {
            context.Warn("'codedDiagnosis' (STU3 shape); read as conclusionCode");
            if (r.ConclusionCode.Count == 0) r = r with { ConclusionCode = codedDiagnosis };
        }
        return r;
    }
}
