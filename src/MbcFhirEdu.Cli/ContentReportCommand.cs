using System.CommandLine;
using System.Globalization;
using MbcFhirEdu.Core.Materials;

namespace MbcFhirEdu.Cli;

/// <summary>
/// <c>mbcedu content report [--due-within 90]</c>: a Markdown table of every material (id, language, grade, status,
/// review dates, "due"). Exit 1 when a material's review is due within the window or past, as <c>check</c> exits 1 on
/// a problem, so a scheduled job can flag it.
/// </summary>
internal static class ContentReportCommand
{
    public const int DefaultDueWithinDays = 90;

    public static Command Create(CliOutput io)
    {
        var contentDir = ContentLocation.Option();
        var localDir = ContentLocation.LocalOption();
        var dueWithin = new Option<int>("--due-within")
        {
            Description = $"Mark a material \"due\" when its review is due within N days or past (default {DefaultDueWithinDays})",
            DefaultValueFactory = _ => DefaultDueWithinDays,
        };
        dueWithin.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 0) r.AddError("--due-within must be 0 or more"); });
        var command = new Command("report", "Print every material's reading grade, status and review dates (Markdown table); exit 1 when a review is due")
        {
            contentDir, localDir, dueWithin,
        };
        command.SetAction(parse =>
        {
            if (!ContentLocation.TryLoadCatalog(parse.GetValue(contentDir), parse.GetValue(localDir), io, out var catalog)) return CliApp.Failed;
            var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
            return Write(ReadingReport.Rows(catalog), today, parse.GetValue(dueWithin), io);
        });
        return command;
    }

    private static int Write(IReadOnlyList<ReadingRow> rows, DateOnly today, int days, CliOutput io)
    {
        io.Out.WriteLine("| material | lang | grade | within limit | status | reviewed on | review due | due soon |");
        io.Out.WriteLine("|---|---|---:|---|---|---|---|---|");
        foreach (var r in rows)
        {
            var grade = string.Create(CultureInfo.InvariantCulture, $"{(r.Language == MaterialCatalog.Spanish ? "FH" : "FK")} {r.Grade:0.00}");
            var status = r.Status.ToString().ToLowerInvariant() + (r.Local ? " (local)" : "");
            io.Out.WriteLine($"| {r.Id} | {r.Language} | {grade} | {(r.WithinLimit ? "yes" : "NO")} | {status} | {Date(r.ReviewedOn)} | {Date(r.ReviewDue)} | {(r.IsDue(today, days) ? "due" : "")} |");
        }
        var due = rows.Count(r => r.IsDue(today, days));
        io.Out.WriteLine();
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"English average Flesch-Kincaid grade: {ReadingReport.EnglishAverageGrade(rows):0.00} (limit {ReadingReport.MaxAverageGrade}); " +
            $"lowest Spanish Fernández-Huerta: {rows.Where(r => r.Language == MaterialCatalog.Spanish).Select(r => r.FernandezHuerta).DefaultIfEmpty().Min():0.00} (limit {ReadingReport.MinFernandezHuerta}); " +
            $"{rows.Count(r => r.Status == MaterialStatus.Approved)} approved, {rows.Count(r => r.Status == MaterialStatus.Draft)} draft, {rows.Count(r => r.Status == MaterialStatus.Retired)} retired; " +
            $"{due} due for review within {days} days"));
        if (due == 0) return CliApp.Ok;
        io.Error.WriteLine($"mbcedu: {due} material(s) due for review within {days} days or past: {string.Join(", ", rows.Where(r => r.IsDue(today, days)).Select(r => r.Path))}");
        return CliApp.Failed;
    }

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";
}
