namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// Contradictions that no single reader sees: a record whose words and codes disagree, or a stage that cannot
/// be true next to the spread found at diagnosis. They never change a fact; they go to the warnings so a person
/// checks the chart (task brief: "where data is contradictory, say so in warnings rather than guess silently").
/// </summary>
internal static class ConsistencyRules
{
    private static readonly string[] SpreadWords = ["metasta", "secondary", "spread", "recurr", "advanced"];

    public static void Check(PatientData data, IReadOnlyList<SiteFinding> spread, string stage, string recurrence, ExtractionLog log)
    {
        var spreadConditions = spread.Select(f => f.Reference).ToHashSet(StringComparer.Ordinal);
        foreach (var condition in data.Conditions.Where(c => spreadConditions.Contains(c.Reference)))
        {
            // Seen in real data: 128462008 + bodySite coded, but text copied from the primary diagnosis.
            if (condition.Text is { } text && DescribesPrimaryBreast(text))
                log.Warn(condition.Reference, "is coded as a spread of cancer, but its text describes a primary breast cancer; the code was used");
        }
        if (recurrence == ProfileValues.DeNovo && stage is "0" or "I" or "II" or "III")
            log.Warn(data.Patient.Reference, $"spread was found within 90 days of the diagnosis, but the recorded stage is {stage}, not IV");
    }

    private static bool DescribesPrimaryBreast(string text) =>
        text.Contains("breast", StringComparison.OrdinalIgnoreCase) &&
        !SpreadWords.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
}
