using Hl7.Fhir.Model;
using static MbcFhirEdu.Fhir.Mapping.MapContext;

namespace MbcFhirEdu.Fhir.Grouping;

/// <summary>
/// Turns OperationOutcome issues found in an input (e.g. Bundle entries with search.mode = outcome,
/// bundle.html#Bundle.entry.search.mode) into warnings: severity, issue code, diagnostics and details text.
/// </summary>
internal static class OutcomeWarnings
{
    public static void AddTo(List<string> warnings, OperationOutcome outcome)
    {
        var label = string.IsNullOrEmpty(outcome.Id) ? "OperationOutcome" : "OperationOutcome/" + outcome.Id;
        foreach (var issue in Many<OperationOutcome.IssueComponent>(outcome, "issue"))
        {
            var severity = Text(issue.SeverityElement) is { } s && !string.IsNullOrWhiteSpace(s) ? s.Trim() : "issue";
            var code = Text(issue.CodeElement) is { } c && !string.IsNullOrWhiteSpace(c) ? $" ({c.Trim()})" : "";
            warnings.Add($"{label}: {severity}{code}: {Describe(issue)}");
        }
    }

    private static string Describe(OperationOutcome.IssueComponent issue)
    {
        var diagnostics = Text(issue.DiagnosticsElement)?.Trim();
        var details = issue.Details?.Text?.Trim();
        var codings = Many<Coding>(issue.Details, "coding");
        if (string.IsNullOrEmpty(details) && codings.Count > 0)
            details = string.Join(", ", codings.Select(static c => $"{Text(c.SystemElement)}|{Text(c.CodeElement)}"));
        if (string.IsNullOrEmpty(diagnostics)) return string.IsNullOrEmpty(details) ? "no details" : details;
        return string.IsNullOrEmpty(details) || details == diagnostics ? diagnostics : $"{diagnostics} ({details})";
    }
}
