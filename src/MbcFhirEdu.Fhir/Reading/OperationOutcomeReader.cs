using System.Text.Json;
using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Reading;

/// <summary>Reads an R4 OperationOutcome (operationoutcome.html).</summary>
internal static class OperationOutcomeReader
{
    public static OperationOutcome Read(ref Utf8JsonReader r, ReadContext context)
    {
        IReadOnlyList<OperationOutcomeIssue> issues = [];
        Meta? meta = null;
        while (JsonValues.NextProperty(ref r, out var p))
        {
            if (p.SequenceEqual("issue"u8)) issues = JsonValues.List(ref r, context, "issue", Issue);
            else if (p.SequenceEqual("id"u8)) context.Id = JsonValues.String(ref r, context, "id");
            else if (p.SequenceEqual("meta"u8)) meta = DataTypeReader.Meta(ref r, context, "meta");
            else r.Skip();
        }
        return new OperationOutcome { Id = context.Id, Meta = meta, Issue = issues };
    }

    private static OperationOutcomeIssue? Issue(ref Utf8JsonReader r, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(ref r, context, name)) return null;
        string? severity = null, code = null, diagnostics = null;
        CodeableConcept? details = null;
        IReadOnlyList<string> location = [], expression = [];
        while (JsonValues.NextProperty(ref r, out var p))
        {
            if (p.SequenceEqual("severity"u8)) severity = JsonValues.String(ref r, context, name, "severity");
            else if (p.SequenceEqual("code"u8)) code = JsonValues.String(ref r, context, name, "code");
            else if (p.SequenceEqual("details"u8)) details = DataTypeReader.CodeableConcept(ref r, context, "issue.details");
            else if (p.SequenceEqual("diagnostics"u8)) diagnostics = JsonValues.String(ref r, context, name, "diagnostics");
            else if (p.SequenceEqual("location"u8)) location = JsonValues.StringList(ref r, context, name, "location");
            else if (p.SequenceEqual("expression"u8)) expression = JsonValues.StringList(ref r, context, name, "expression");
            else r.Skip();
        }
        return new OperationOutcomeIssue
        {
            Severity = severity, Code = code, Details = details, Diagnostics = diagnostics, Location = location, Expression = expression,
        };
    }
}
