using System.Text.Json;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Core.Materials;
using MbcFhirEdu.Core.Matching;

namespace MbcFhirEdu.Cli.Tests;

/// <summary>The <c>recommend</c> JSON carries the engine's <c>notes</c> (DESIGN.md: never empty when materials were held back).</summary>
public sealed class RecommendJsonTests
{
    private static readonly MaterialCatalog Catalog = new(
    [
        new Material { Id = "bone-metastases", Language = "en", Title = "Bone", Summary = "Bone.", Topics = ["site:bone"], Requires = ["site:bone"], Path = "en/bone-metastases.md" },
        new Material { Id = "hr-positive", Language = "en", Title = "HR", Summary = "HR.", Topics = ["biomarker:hr-positive"], Requires = ["biomarker:hr-positive", "stage:iv"], Path = "en/hr-positive.md" },
    ]);

    private static JsonElement Write(ClinicalProfile profile, Audience audience, string[]? missing = null)
    {
        var set = MatchingEngine.Recommend(profile, Catalog, new MatchRequest { Audience = audience, MissingParts = missing ?? [] });
        return JsonDocument.Parse(RecommendJson.Write(set, audience)).RootElement;
    }

    private static ClinicalProfile Bone() => new()
    {
        Patient = "Patient/p1", BreastCancer = ProfileValues.Recorded, Metastatic = true, Stage = "IV", Sites = ["bone"], Er = ProfileValues.Positive,
    };

    [Fact]
    public void Write_Deceased_PrintsNoMaterialsAndTheNote()
    {
        var json = Write(Bone() with { Deceased = true }, Audience.Clinician);

        Assert.Empty(json.GetProperty("materials").EnumerateArray());
        Assert.Equal(["The record says this patient has died. No materials are offered and none can be sent."],
            json.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
    }

    [Fact]
    public void Write_HeldBackForNoSpread_PrintsTheNoteNamingWhatWasHeld()
    {
        var json = Write(Bone() with { Metastatic = false, Stage = "II", Sites = [] }, Audience.Clinician);

        Assert.Empty(json.GetProperty("materials").EnumerateArray());
        var note = Assert.Single(json.GetProperty("notes").EnumerateArray()).GetString()!;
        Assert.Contains("held back: hr-positive.", note);
    }

    [Fact]
    public void Write_PartialRecord_PrintsTheMissingPart()
    {
        var json = Write(Bone(), Audience.Patient, ["lab results"]);

        Assert.Contains(json.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("lab results could not be loaded"));
    }
}
