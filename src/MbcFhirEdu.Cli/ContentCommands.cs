using System.CommandLine;
using System.Globalization;
using MbcFhirEdu.Core.Materials;

namespace MbcFhirEdu.Cli;

/// <summary><c>mbcedu content check|report|fingerprint</c>.</summary>
public static class ContentCommands
{
    public static Command Create(CliOutput io)
    {
        var content = new Command("content", "Check and report on the education content library");
        content.Subcommands.Add(Check(io));
        content.Subcommands.Add(Report(io));
        content.Subcommands.Add(Fingerprint(io));
        return content;
    }

    private static Option<string?> SeedsOption() => new("--seeds") { Description = "Folder of seed source documents (.txt) to check for copied text" };

    private static Command Check(CliOutput io)
    {
        var contentDir = ContentLocation.Option();
        var seeds = SeedsOption();
        var command = new Command("check", "Validate every material: schema, sections, links, reading grade, copied text") { contentDir, seeds };
        command.SetAction(parse =>
        {
            var root = ContentLocation.FindContentRoot(parse.GetValue(contentDir));
            if (root is null)
            {
                io.Error.WriteLine("mbcedu: content library not found (use --content DIR)");
                return CliApp.Failed;
            }
            if (ContentLocation.FindSeeds(parse.GetValue(seeds), root, io) is not { } seedIndex) return CliApp.Failed;
            var problems = ContentChecker.Check(root, seedIndex.Index);
            if (problems.Count > 0)
            {
                foreach (var problem in problems) io.Error.WriteLine($"mbcedu: {problem}");
                io.Error.WriteLine($"mbcedu: content check failed: {problems.Count} problem(s)");
                return CliApp.Failed;
            }
            var catalog = MaterialCatalog.Load(root).Catalog;
            var average = ReadingReport.EnglishAverageGrade(ReadingReport.Rows(catalog));
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"content check: ok — {catalog.InLanguage("en").Count()} English and {catalog.InLanguage("es").Count()} Spanish materials, " +
                $"average grade {average:0.00}, seeds from {seedIndex.From}"));
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Report(CliOutput io)
    {
        var contentDir = ContentLocation.Option();
        var command = new Command("report", "Print the reading figures of every material (Markdown table)") { contentDir };
        command.SetAction(parse =>
        {
            if (!ContentLocation.TryLoadCatalog(parse.GetValue(contentDir), io, out var catalog)) return CliApp.Failed;
            var rows = ReadingReport.Rows(catalog);
            io.Out.WriteLine("| material | lang | words | sentences | FK grade | Fernández-Huerta | within limit |");
            io.Out.WriteLine("|---|---|---:|---:|---:|---:|---|");
            foreach (var r in rows)
            {
                io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {r.Id} | {r.Language} | {r.Words} | {r.Sentences} | {r.FleschKincaidGrade:0.00} | {r.FernandezHuerta:0.00} | {(r.WithinLimit ? "yes" : "NO")} |"));
            }
            io.Out.WriteLine();
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"English average Flesch-Kincaid grade: {ReadingReport.EnglishAverageGrade(rows):0.00} (limit {ReadingReport.MaxAverageGrade}); " +
                $"lowest Spanish Fernández-Huerta: {rows.Where(r => r.Language == "es").Select(r => r.FernandezHuerta).DefaultIfEmpty().Min():0.00} (limit {ReadingReport.MinFernandezHuerta})"));
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Fingerprint(CliOutput io)
    {
        var seedsDir = new Argument<string>("seeds") { Description = "Folder of seed source documents (.txt)" };
        var output = new Option<string?>("--out") { Description = "Write here instead of standard output" };
        var command = new Command("fingerprint", "Write the hashed 8-word runs of the seed documents (for machines without them)") { seedsDir, output };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(seedsDir)!;
            if (!Directory.Exists(dir) || !Directory.EnumerateFiles(dir, "*.txt").Any())
            {
                io.Error.WriteLine($"mbcedu: {dir}: no seed .txt files found");
                return CliApp.Failed;
            }
            var index = SeedIndex.FromDirectory(dir);
            if (parse.GetValue(output) is { } path) index.WriteFingerprintFile(path);
            else index.WriteFingerprint(io.Out);
            return CliApp.Ok;
        });
        return command;
    }
}
