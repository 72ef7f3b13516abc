using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Core.Matching;
using static MbcFhirEdu.Core.Tests.Matching.TestProfiles;

namespace MbcFhirEdu.Core.Tests.Matching;

public sealed class MatchingReasonTests
{
    private static Recommendation Item(ClinicalProfile profile, string id, MatchRequest? request = null) =>
        Assert.Single(MatchingEngine.Recommend(profile, SyntheticCatalog.Catalog, request ?? new MatchRequest()).Items, i => i.MaterialId == id);

    [Fact]
    public void Reason_Patient_English_NamesTheDateAndTheSite() =>
        Assert.Equal(["Your records from 2 March 2024 list cancer in the bones."], Item(Metastatic(["bone"]), "bone-metastases").Reasons);

    [Fact]
    public void Reason_Patient_Spanish_NamesTheDateAndTheSite() =>
        Assert.Equal(["Sus registros del 2 de marzo de 2024 indican cáncer en los huesos."],
            Item(Metastatic(["bone"]), "bone-metastases", new MatchRequest { Language = "es" }).Reasons);

    [Fact]
    public void Reason_EvidenceWithoutDate_HasNoDate()
    {
        var profile = Metastatic(["bone"]) with { Evidence = [new Evidence("site:bone", "Condition/c1", null)] };

        Assert.Equal(["Your records list cancer in the bones."], Item(profile, "bone-metastases").Reasons);
    }

    [Fact]
    public void Reason_Clinician_AppendsResourceAndDate_AndListsEvidence()
    {
        var item = Item(Metastatic(["bone"]), "bone-metastases", new MatchRequest { Audience = Audience.Clinician });

        Assert.Equal(["Your records from 2 March 2024 list cancer in the bones (Condition/site-bone, 2024-03-02)."], item.Reasons);
        Assert.Equal([new Evidence("site:bone", "Condition/site-bone", Recorded)], item.Evidence);
    }

    [Fact]
    public void Reason_Patient_HasNoEvidenceRefs() => Assert.Empty(Item(Metastatic(["bone"]), "bone-metastases").Evidence);

    [Fact]
    public void Reason_GeneralMaterial_GetsTheGeneralSentence()
    {
        Assert.Equal(["This is basic information for anyone with breast cancer."], Item(Metastatic(["bone"]), "coping-and-support").Reasons);
        Assert.Equal(["Esta es información básica para cualquier persona con cáncer de mama."],
            Item(Metastatic(["bone"]), "coping-and-support", new MatchRequest { Language = "es" }).Reasons);
    }

    [Theory]
    [InlineData("low", "Your records from 2 March 2024 list a HER2-low cancer.")]
    [InlineData("ultralow", "Your records from 2 March 2024 list a HER2-ultralow cancer.")]
    public void Reason_Her2Low_NamesTheResult(string her2, string expected) =>
        Assert.Equal([expected], Item(Metastatic(["liver"], her2: her2), "her2-low").Reasons);

    [Fact]
    public void Reason_UnknownResults_NamesTheMarkers() =>
        Assert.Equal(["Your records from 2 March 2024 do not show a clear result for ER, PR and HER2."],
            Item(Metastatic(["bone"], er: "unknown", pr: "unknown", her2: "unknown"), "understanding-your-results").Reasons);

    [Fact]
    public void Reason_UnknownResults_InSpanish_UsesTheLibrarysAbbreviations()
    {
        var reason = Assert.Single(Item(Metastatic(["bone"], er: "unknown", pr: "unknown", her2: "unknown"), "understanding-your-results",
            new MatchRequest { Language = "es" }).Reasons);

        Assert.EndsWith("RE, RP y HER2.", reason);
    }

    [Fact]
    public void Reason_RequiresAny_GivesOneReasonPerFactThatHolds() =>
        Assert.Equal(["Your records from 2 March 2024 list a change (variant) in the AKT1 gene, found by genomic testing."],
            Item(Metastatic(["liver"], variants: [("AKT1", "detected"), ("PTEN", "not-detected")]), "variant-akt1-pten").Reasons);

    [Fact]
    public void Reason_Male_SaysSoWithoutADate() =>
        Assert.Equal(["Your records list you as male."], Item(Early(), "men-with-breast-cancer", new MatchRequest { Sex = "male" }).Reasons);

    [Fact]
    public void Reason_StageIv_EnglishAndSpanish()
    {
        Assert.Equal(["Your records from 2 March 2024 list breast cancer that has spread to other parts of the body (stage IV)."],
            Item(Metastatic(["bone"]), "treatment-goals").Reasons);
        Assert.Equal(["Sus registros del 2 de marzo de 2024 indican cáncer de mama que se ha extendido a otras partes del cuerpo (estadio IV)."],
            Item(Metastatic(["bone"]), "treatment-goals", new MatchRequest { Language = "es" }).Reasons);
    }

    [Fact]
    public void Reason_UnconfirmedEvidence_IsNeverUsedForThePatient_ButShownToClinicians()
    {
        var profile = Metastatic(["bone"]) with
        {
            Evidence = [new Evidence("site:bone", "Condition/a", Recorded), new Evidence("site:bone", "Condition/b", new DateOnly(2024, 5, 1), Confirmed: false)],
        };

        Assert.Equal(["Your records from 2 March 2024 list cancer in the bones."], Item(profile, "bone-metastases").Reasons);
        Assert.Equal(["Your records from 1 May 2024 list cancer in the bones (Condition/a, 2024-03-02; Condition/b, 2024-05-01, unconfirmed)."],
            Item(profile, "bone-metastases", new MatchRequest { Audience = Audience.Clinician }).Reasons);
    }

    [Theory]
    [InlineData(2025, 1, 1, "1 January 2025", "1 de enero de 2025")]
    [InlineData(2023, 12, 31, "31 December 2023", "31 de diciembre de 2023")]
    [InlineData(2024, 9, 9, "9 September 2024", "9 de septiembre de 2024")]
    public void ReasonDates_AreSpelledWithoutCultureData(int year, int month, int day, string en, string es)
    {
        var date = new DateOnly(year, month, day);

        Assert.Equal((en, es), (ReasonDates.Long(date, "en"), ReasonDates.Long(date, "es")));
    }
}
