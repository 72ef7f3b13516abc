using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Grouping;

/// <summary>
/// Turns OperationOutcome issues found in an input (e.g. Bundle entries with search.mode = outcome,
/// bundle.html#Bundle.entry.search.mode) into warnings: severity, issue code, diagnostics and details text.
/// </summary>
internal static class OutcomeWarnings
{
    public static void AddTo(List<string> warnings, OperationOutcome outcome)
    {
        var label = outcome.Id is null ? "OperationOutcome" : "OperationOutcome/" + outcome.Id;
        foreach (var issue in outcome.Issue)
        {
            var severity = string.IsNullOrWhiteSpace(issue.Severity) ? "issue" : issue.Severity.Trim();
            var code = string.IsNullOrWhiteSpace(issue.Code) ? "" : $" ({issue.Code.Trim()})";
            warnings.Add($"{label}: {severity}{code}: {Text(issue)}");
        }
    }

    private static string Text(OperationOutcomeIssue issue)
    {
        var diagnostics = issue.Diagnostics?.Trim();
        var details = issue.Details?.Text?.Trim();
        if (string.IsNullOrEmpty(details) && issue.Details is { Coding.Count: > 0 } concept)
            details = string.Join(", ", concept.Coding.Select(static c => $"{c.System}|{c.Code}"));
        if (string.IsNullOrEmpty(diagnostics)) return string.IsNullOrEmpty(details) ? "no details" : details;
        return string.IsNullOrEmpty(details) || details == diagnostics ? diagnostics : $"{diagnostics} ({details})";
    }
}
