using System.Text.Json;
using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Reading;

/// <summary>Reads an R4 OperationOutcome (operationoutcome.html).</summary>
internal static class OperationOutcomeReader
{
    public static OperationOutcome Read(JsonElement e, ReadContext context)
    {
        var outcome = new OperationOutcome { Id = context.Id };
        foreach (var p in e.EnumerateObject())
        {
            if (p.NameEquals("issue"u8)) outcome = outcome with { Issue = JsonValues.List(p.Value, context, "issue", Issue) };
            else if (p.NameEquals("meta"u8)) outcome = outcome with { Meta = DataTypeReader.Meta(p.Value, context, "meta") };
        }
        return outcome;
    }

    private static OperationOutcomeIssue? Issue(JsonElement e, ReadContext context, string name)
    {
        if (!JsonValues.IsObject(e, context, name)) return null;
        var issue = new OperationOutcomeIssue();
        foreach (var p in e.EnumerateObject())
        {
            var v = p.Value;
            if (p.NameEquals("severity"u8)) issue = issue with { Severity = JsonValues.String(v, context, name, "severity") };
            else if (p.NameEquals("code"u8)) issue = issue with { Code = JsonValues.String(v, context, name, "code") };
            else if (p.NameEquals("details"u8)) issue = issue with { Details = DataTypeReader.CodeableConcept(v, context, "issue.details") };
            else if (p.NameEquals("diagnostics"u8)) issue = issue with { Diagnostics = JsonValues.String(v, context, name, "diagnostics") };
            else if (p.NameEquals("location"u8)) issue = issue with { Location = JsonValues.StringList(v, context, name, "location") };
            else if (p.NameEquals("expression"u8)) issue = issue with { Expression = JsonValues.StringList(v, context, name, "expression") };
        }
        return issue;
    }
}
