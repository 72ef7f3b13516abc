namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// CODES.md rule 17: "no distant metastasis" records (None as a site of metastasis, M0, no history of metastatic
/// cancer) are negative evidence. Confirmed spread wins whatever the dates (rule 1: spread ever recorded stays
/// true); when both are present they are named together, with their dates, in one warning.
/// </summary>
internal static class NegativeEvidenceRule
{
    /// <param name="positives">Confirmed, counted signs of distant spread: metastases, M1, stage IV.</param>
    public static void Apply(
        bool metastatic, IReadOnlyList<(string Reference, DateOnly? Date, string What)> positives, IReadOnlyList<NegativeFinding> negatives,
        string patient, ExtractionLog log)
    {
        foreach (var negative in negatives) log.Evidence("no-metastasis", negative.Reference, negative.Date);
        if (!metastatic || negatives.Count == 0) return;
        var spread = string.Join(", ", positives.Select(p => $"{p.Reference} {p.What} {Day(p.Date)}").Distinct().Order(StringComparer.Ordinal));
        var none = string.Join(", ", negatives.Select(n => $"{n.Reference} {n.What} {Day(n.Date)}").Distinct().Order(StringComparer.Ordinal));
        log.Warn(patient, $"records of distant spread and of no distant spread disagree: spread in {spread}; no spread in {none}; spread is used (rule 17)");
    }

    private static string Day(DateOnly? date) => date is { } d ? $"({d:yyyy-MM-dd})" : "(no date)";
}
