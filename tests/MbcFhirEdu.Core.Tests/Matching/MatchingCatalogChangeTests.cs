using MbcFhirEdu.Core.Materials;
using MbcFhirEdu.Core.Matching;

namespace MbcFhirEdu.Core.Tests.Matching;

/// <summary>
/// Issue 16: what the engine works out once per material (its order group) and once per call (a fact's reason) is reused,
/// never carried over to a changed catalog or another patient.
/// </summary>
public sealed class MatchingCatalogChangeTests
{
    private static Material LiverMaterial(bool urgent, string[] requires) => SyntheticCatalog.English.Single(m => m.Id == "liver-metastases") with
    {
        Urgent = urgent,
        Requires = requires,
        Topics = requires,
    };

    [Fact]
    public void A_material_changed_in_a_new_catalog_is_grouped_and_matched_as_the_new_catalog_says()
    {
        var profile = TestProfiles.Metastatic(["liver"]);
        var before = new MaterialCatalog([LiverMaterial(urgent: false, ["site:liver"])]);
        var after = new MaterialCatalog([LiverMaterial(urgent: true, ["site:liver"])]);
        var gone = new MaterialCatalog([LiverMaterial(urgent: false, ["site:bone"])]);

        var first = MatchingEngine.Recommend(profile, before, new MatchRequest()).Items.Single();
        var second = MatchingEngine.Recommend(profile, after, new MatchRequest()).Items.Single();
        var third = MatchingEngine.Recommend(profile, gone, new MatchRequest()).Items;
        var again = MatchingEngine.Recommend(profile, before, new MatchRequest()).Items.Single();

        Assert.Equal((RecommendationGroup.Site, false), (first.Group, first.Urgent));
        Assert.Equal((RecommendationGroup.Urgent, true), (second.Group, second.Urgent));
        Assert.Empty(third);
        Assert.Equal(first.Group, again.Group);
    }

    [Fact]
    public void Two_materials_citing_the_same_fact_give_the_same_reason_and_another_patient_gets_their_own()
    {
        var catalog = SyntheticCatalog.Catalog;
        var liver = TestProfiles.Metastatic(["liver"]);
        var bone = TestProfiles.Metastatic(["bone"]);

        var liverItems = MatchingEngine.Recommend(liver, catalog, new MatchRequest { Audience = Audience.Clinician }).Items;
        var boneItems = MatchingEngine.Recommend(bone, catalog, new MatchRequest { Audience = Audience.Clinician }).Items;

        var stageReasons = liverItems.Where(i => i.MaterialId is "stage-iv-explained" or "treatment-goals").Select(i => i.Reasons.Single()).ToList();
        Assert.Equal(2, stageReasons.Count);
        Assert.Equal(stageReasons[0], stageReasons[1]);
        Assert.Contains(liverItems, i => i.Reasons.Any(r => r.Contains("Condition/site-liver", StringComparison.Ordinal)));
        Assert.DoesNotContain(boneItems, i => i.Reasons.Any(r => r.Contains("Condition/site-liver", StringComparison.Ordinal)));
        Assert.Contains(boneItems, i => i.Reasons.Any(r => r.Contains("Condition/site-bone", StringComparison.Ordinal)));
    }
}
