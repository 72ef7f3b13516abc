using System.CommandLine;
using System.Globalization;
using MbcFhirEdu.Core.Materials;

namespace MbcFhirEdu.Cli;

/// <summary><c>mbcedu content check|report|fingerprint</c>; <c>--local DIR</c> lays a local library over the built-in one.</summary>
public static class ContentCommands
{
    public static Command Create(CliOutput io)
    {
        var content = new Command("content", "Check and report on the education content library");
        content.Subcommands.Add(Check(io));
        content.Subcommands.Add(ContentReportCommand.Create(io));
        content.Subcommands.Add(Fingerprint(io));
        return content;
    }

    private static Option<string?> SeedsOption() => new("--seeds") { Description = "Folder of seed source documents (.txt) to check for copied text" };

    private static Command Check(CliOutput io)
    {
        var contentDir = ContentLocation.Option();
        var localDir = ContentLocation.LocalOption();
        var seeds = SeedsOption();
        var command = new Command("check", "Validate every material: schema, review fields, sources, translations, sections, links, reading grade, copied text")
        {
            contentDir, localDir, seeds,
        };
        command.SetAction(parse =>
        {
            var root = ContentLocation.FindContentRoot(parse.GetValue(contentDir));
            if (root is null)
            {
                io.Error.WriteLine("mbcedu: content library not found (use --content DIR)");
                return CliApp.Failed;
            }
            if (ContentLocation.FindSeeds(parse.GetValue(seeds), root, io) is not { } seedIndex) return CliApp.Failed;
            var local = parse.GetValue(localDir);
            if (local is not null && !Directory.Exists(local))
            {
                io.Error.WriteLine($"mbcedu: local library not found at {local}");
                return CliApp.Failed;
            }
            var problems = ContentChecker.Check(root, seedIndex.Index, local);
            if (problems.Count > 0)
            {
                foreach (var problem in problems) io.Error.WriteLine($"mbcedu: {problem}");
                io.Error.WriteLine($"mbcedu: content check failed: {problems.Count} problem(s)");
                return CliApp.Failed;
            }
            var catalog = MaterialCatalog.Load(root, local).Catalog;
            var average = ReadingReport.EnglishAverageGrade(ReadingReport.Rows(catalog));
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"content check: ok — {catalog.InLanguage("en").Count()} English and {catalog.InLanguage("es").Count()} Spanish materials, " +
                $"average grade {average:0.00}, seeds from {seedIndex.From}"));
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
