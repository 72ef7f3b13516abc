using System.Globalization;
using System.Text;
using System.Text.Json;
using MbcFhirEdu.Data.Population;

namespace MbcFhirEdu.Cli;

/// <summary>The run summary as text (for people) or JSON (for scripts and the benchmark): counts, entries by reason, time.</summary>
internal static class PopulationSummaryText
{
    public static string Text(PopulationRunSummary summary)
    {
        var text = new StringBuilder();
        var minutes = summary.Elapsed.TotalMinutes;
        text.AppendLine(CultureInfo.InvariantCulture, $"population run {summary.RunId}: {summary.Status}");
        text.AppendLine(CultureInfo.InvariantCulture, $"files: {summary.FilesProcessed} processed, {summary.FilesFailed} failed; resources read: {summary.ResourcesRead}");
        text.AppendLine(CultureInfo.InvariantCulture, $"patients compared: {summary.PatientsProcessed}");
        var reasons = string.Join(", ", summary.EntriesByReason.Select(p => $"{p.Key} {p.Value}"));
        text.AppendLine(CultureInfo.InvariantCulture, $"worklist entries added: {summary.WorklistEntriesAdded}{(reasons.Length > 0 ? $" ({reasons})" : "")}");
        var rate = minutes > 0 ? $" ({(summary.PatientsProcessed / minutes).ToString("0", CultureInfo.InvariantCulture)} patients/min)" : "";
        text.AppendLine(CultureInfo.InvariantCulture, $"elapsed: {summary.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s{rate}");
        foreach (var warning in summary.Warnings) text.AppendLine(CultureInfo.InvariantCulture, $"warning: {warning}");
        return text.ToString();
    }

    public static string Json(PopulationRunSummary summary) => JsonSerializer.Serialize(new
    {
        runId = summary.RunId,
        status = summary.Status,
        filesProcessed = summary.FilesProcessed,
        filesFailed = summary.FilesFailed,
        resourcesRead = summary.ResourcesRead,
        patientsProcessed = summary.PatientsProcessed,
        worklistEntriesAdded = summary.WorklistEntriesAdded,
        entriesByReason = summary.EntriesByReason,
        elapsedSeconds = Math.Round(summary.Elapsed.TotalSeconds, 3),
        errors = summary.Errors,
        warnings = summary.Warnings,
    }) + "\n";
}
