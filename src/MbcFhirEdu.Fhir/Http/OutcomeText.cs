using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace MbcFhirEdu.Fhir.Http;

/// <summary>
/// What a server's OperationOutcome (FHIR R4 §2.36) says, in two forms: its issues' own words for the person who
/// asked (diagnostics, else details.text), which may name ids and so never go to logs; and its issue codes, from a
/// fixed value set, which are safe anywhere.
/// </summary>
internal static class OutcomeText
{
    private const int MaxIssues = 10;

    /// <summary>The issues' texts joined by "; ", control characters removed, at most <paramref name="maxLength"/> characters; null if none.</summary>
    public static string? Words(OperationOutcome? outcome, int maxLength)
    {
        if (outcome is null) return null;
        var texts = outcome.Issue.Take(MaxIssues)
            .Select(issue => issue.Diagnostics ?? issue.Details?.Text)
            .Where(text => !string.IsNullOrWhiteSpace(text))
            .Select(text => new string(text!.Where(c => !char.IsControl(c)).ToArray()).Trim())
            .Where(text => text.Length > 0)
            .ToList();
        if (texts.Count == 0) return null;
        var joined = string.Join("; ", texts);
        return joined.Length <= maxLength ? joined : joined[..(maxLength - 1)] + "…";
    }

    /// <summary>The issue codes (e.g. "too-costly, incomplete"), or "unspecified".</summary>
    public static string Codes(OperationOutcome? outcome)
    {
        var codes = outcome?.Issue.Select(issue => issue.Code?.GetLiteral()).OfType<string>().Take(5).ToList() ?? [];
        return codes.Count == 0 ? "unspecified" : string.Join(", ", codes);
    }
}
