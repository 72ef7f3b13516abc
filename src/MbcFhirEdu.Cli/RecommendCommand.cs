using System.CommandLine;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Core.Matching;
using MbcFhirEdu.Core.Materials;

namespace MbcFhirEdu.Cli;

/// <summary>
/// <c>mbcedu recommend FILE-OR-FOLDER [--lang es] [--audience clinician] [--approved-only] [--pretty]</c>: the materials
/// for each patient, with reasons. Drafts are included and marked (<c>"status": "draft"</c>, and a line on stderr) unless
/// <c>--approved-only</c> asks for what Production shows; retired materials never appear.
/// </summary>
public static class RecommendCommand
{
    public static Command Create(CliOutput io)
    {
        var file = new Argument<string>("file") { Description = PatientFile.ArgumentDescription };
        var lang = new Option<string?>("--lang") { Description = "Language of the materials (en, es); default: the patient's preferred language" };
        lang.AcceptOnlyFromAmong("en", "es");
        var audience = new Option<string>("--audience") { Description = "patient (default) or clinician", DefaultValueFactory = _ => "patient" };
        audience.AcceptOnlyFromAmong("patient", "clinician");
        var holdDays = new Option<int>("--hold-days") { Description = "Hold findings recorded in the last N days from the patient view (default 0: off)" };
        holdDays.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 0) r.AddError("--hold-days must be 0 or more"); });
        var content = ContentLocation.Option();
        var approvedOnly = new Option<bool>("--approved-only")
        {
            Description = "Only approved materials, as Production shows them (default: drafts too, marked \"status\": \"draft\")",
        };
        var pretty = ProfileJson.PrettyOption();
        var command = new Command("recommend", "Print the recommended education materials for each patient in a FHIR file or folder")
        {
            file, lang, audience, holdDays, content, approvedOnly, pretty,
        };
        command.SetAction(parse => Run(
            parse.GetValue(file)!, parse.GetValue(lang), parse.GetValue(audience) == "clinician" ? Audience.Clinician : Audience.Patient,
            parse.GetValue(holdDays), parse.GetValue(content), parse.GetValue(approvedOnly), parse.GetValue(pretty), io));
        return command;
    }

    private static int Run(string path, string? lang, Audience audience, int holdDays, string? contentDir, bool approvedOnly, bool pretty, CliOutput io)
    {
        if (!ContentLocation.TryLoadCatalog(contentDir, null, io, out var library)) return CliApp.Failed;
        var catalog = library.Showing(includeDrafts: !approvedOnly);
        var drafts = new SortedSet<string>(StringComparer.Ordinal);
        if (!PatientFile.TryRead(path, io, out var patients)) return CliApp.Failed;
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        foreach (var data in patients)
        {
            var profile = ProfileExtractor.Extract(data);
            var request = new MatchRequest
            {
                Language = lang ?? profile.Language,
                Audience = audience,
                Policy = new MatchPolicy { HoldRecentDays = holdDays, Today = today },
                Sex = data.Patient.Gender,
                // A file cut at page 1 of a search is a partial record (CODES.md rule 20): nothing is concluded from the rest.
                MissingParts = ReadMarkers.FromPartialSearch(data)
                    ? [(lang ?? profile.Language) == "es" ? "el resto de una búsqueda paginada" : "the rest of a paged search"]
                    : [],
            };
            var set = MatchingEngine.Recommend(profile, catalog, request);
            io.Out.WriteLine(RecommendJson.Write(set, audience, pretty, catalog));
            drafts.UnionWith(set.Items.Where(i => catalog.Find(i.MaterialId, i.Language)?.Status == MaterialStatus.Draft).Select(i => $"{i.Language}/{i.MaterialId}"));
        }
        // The marker for a person reading the output: drafts are not approved yet and Production would not show them.
        if (drafts.Count > 0)
            io.Error.WriteLine($"mbcedu: includes {drafts.Count} draft material(s) not yet approved, marked \"status\": \"draft\" ({string.Join(", ", drafts)}); --approved-only shows what Production shows");
        return CliApp.Ok;
    }
}
