using System.Text;
using System.Text.Json;
using MbcFhirEdu.Web.Features.Materials;
using MbcFhirEdu.Web.Features.Patient;
using MbcFhirEdu.Web.Infrastructure;

namespace MbcFhirEdu.Web.Features.CdsHooks;

/// <summary>
/// Turns recommendations into the service's cards: one summary card of the materials that fit this patient in
/// particular (not the general ones everyone gets), <c>warning</c> when a red-flag material applies or part of the record
/// could not be read (the card names the part), a SMART link to the app naming the materials in <c>appContext</c>, and a
/// link to each material's public page. A patient the record shows has died gets one plain card and no links (rule 16).
/// </summary>
internal sealed class CdsCardBuilder(MaterialLibrary library)
{
    public const string SourceLabel = "MbcFhirEdu patient education";
    private const int MaxSummary = 139;

    public IReadOnlyList<CdsCard> Build(RecordRecommendation result, string baseUrl, IReadOnlyList<string> dataNotes)
    {
        var profile = result.Profile;
        if (profile.Deceased)
        {
            return
            [
                new CdsCard
                {
                    Uuid = Guid.NewGuid().ToString(),
                    Summary = "The record shows this patient has died; no education materials are suggested",
                    Detail = RecordParts.ClinicianDeceasedNote,
                    Indicator = "info",
                    Source = new CdsSource(SourceLabel, baseUrl + "/materials/en"),
                },
            ];
        }

        // A part that did not load may hold the spread: the card says so instead of staying silent as for "not metastatic".
        var partial = result.Gaps.Count > 0;
        var metastatic = profile.Metastatic || profile.Stage == "IV";
        if (!metastatic && !partial) return [];
        var set = result.Recommendations;
        var specific = set.Items.Where(i => library.Catalog.FindWithFallback(i.MaterialId, i.Language) is { } m && m.AllRequirements.Any()).ToList();
        if (specific.Count == 0 && !partial) return [];

        var urgent = specific.Where(i => i.Urgent).ToList();
        var missing = string.Join(", ", RecordParts.Names(result.Gaps, "en"));
        var summary = partial
            ? $"Part of the record could not be read ({missing})" + (urgent.Count > 0 ? $"; warning signs to teach: {string.Join(", ", urgent.Select(u => u.Title))}" : "")
            : urgent.Count > 0
                ? $"Warning signs to teach: {string.Join(", ", urgent.Select(u => u.Title))}"
                : $"{specific.Count} education material{(specific.Count == 1 ? "" : "s")} fit this patient's metastatic breast cancer";
        if (summary.Length > MaxSummary) summary = summary[..(MaxSummary - 1)] + "…";

        var detail = new StringBuilder();
        if (partial) detail.Append(Escape(RecordParts.ClinicianNote(result.Gaps))).Append("\n\n");
        foreach (var item in specific)
        {
            detail.Append("- **").Append(Escape(item.Title)).Append("**").Append(item.Urgent ? " (red-flag guidance)" : "").Append(": ")
                .Append(Escape(string.Join(" ", item.Reasons))).Append('\n');
        }
        foreach (var note in dataNotes) detail.Append("\n_").Append(Escape(note)).Append("_\n");

        var appContext = JsonSerializer.Serialize(new CdsAppContext([.. specific.Select(i => i.MaterialId)]), CdsResponse.Json);
        var links = new List<CdsLink> { new("Open the education app for this patient", baseUrl + "/launch", "smart", appContext) };
        links.AddRange(specific.Select(i => new CdsLink(i.Title, PublicUrls.Material(baseUrl, i.Language, i.MaterialId), "absolute")));

        return
        [
            new CdsCard
            {
                Uuid = Guid.NewGuid().ToString(),
                Summary = summary,
                Detail = detail.ToString().TrimEnd(),
                Indicator = urgent.Count > 0 || partial ? "warning" : "info",
                Source = new CdsSource(SourceLabel, baseUrl + "/materials/en"),
                Links = links,
            },
        ];
    }

    // Titles and reasons are our own text, but Markdown control characters would still change the layout.
    private static string Escape(string text) => text.Replace("*", "\\*", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
