using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Core.Matching;
using static MbcFhirEdu.Core.Tests.Matching.TestProfiles;

namespace MbcFhirEdu.Core.Tests.Matching;

/// <summary>The patient audience's release policy, and language handling.</summary>
public sealed class MatchingPolicyTests
{
    private const string HeldNote = "Some new results are not shown here until your care team has talked with you about them.";

    private static RecommendationSet Recommend(ClinicalProfile profile, int holdDays, DateOnly today, Audience audience = Audience.Patient) =>
        MatchingEngine.Recommend(profile, SyntheticCatalog.Catalog,
            new MatchRequest { Audience = audience, Policy = new MatchPolicy { HoldRecentDays = holdDays, Today = today } });

    /// <summary>Bone and liver metastases; everything recorded long ago except the bone finding.</summary>
    private static ClinicalProfile BoneRecordedOn(DateOnly date)
    {
        var profile = Metastatic(["bone", "liver"]);
        var old = profile.Evidence.Where(e => e.Fact != "site:bone").Select(e => e with { Date = new DateOnly(2023, 1, 1) });
        return profile with { Evidence = [.. old, new Evidence("site:bone", "Condition/bone", date)] };
    }

    [Fact]
    public void Hold_RecentSite_IsHiddenFromThePatientWithANote()
    {
        var set = Recommend(BoneRecordedOn(new DateOnly(2024, 3, 8)), holdDays: 14, today: new DateOnly(2024, 3, 10));

        Assert.DoesNotContain(set.Items, i => i.MaterialId.StartsWith("bone-"));
        Assert.Contains(set.Items, i => i.MaterialId == "liver-metastases");
        Assert.Contains(HeldNote, set.Notes);
    }

    [Fact]
    public void Hold_OlderSite_IsShown()
    {
        var set = Recommend(BoneRecordedOn(new DateOnly(2024, 2, 1)), holdDays: 14, today: new DateOnly(2024, 3, 10));

        Assert.Contains(set.Items, i => i.MaterialId == "bone-metastases");
        Assert.DoesNotContain(HeldNote, set.Notes);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(-1, true)]
    public void Hold_OneDay_HoldsOnlyToday(int daysAgo, bool shown)
    {
        var today = new DateOnly(2024, 3, 10);

        var set = Recommend(BoneRecordedOn(today.AddDays(daysAgo)), holdDays: 1, today: today);

        Assert.Equal(shown, set.Items.Any(i => i.MaterialId == "bone-metastases"));
    }

    [Fact]
    public void Hold_FactWithAnOlderRecordToo_IsShown()
    {
        var profile = BoneRecordedOn(new DateOnly(2024, 3, 9));
        profile = profile with { Evidence = [.. profile.Evidence, new Evidence("site:bone", "Condition/old", new DateOnly(2023, 1, 1))] };

        Assert.Contains(Recommend(profile, 14, new DateOnly(2024, 3, 10)).Items, i => i.MaterialId == "bone-metastases");
    }

    [Fact]
    public void Hold_DefaultZero_HoldsNothing() =>
        Assert.Contains(Recommend(BoneRecordedOn(new DateOnly(2024, 3, 10)), 0, new DateOnly(2024, 3, 10)).Items, i => i.MaterialId == "bone-metastases");

    [Fact]
    public void Hold_DoesNotApplyToClinicians()
    {
        var set = Recommend(BoneRecordedOn(new DateOnly(2024, 3, 8)), 14, new DateOnly(2024, 3, 10), Audience.Clinician);

        Assert.Contains(set.Items, i => i.MaterialId == "bone-metastases");
        Assert.Empty(set.Notes);
    }

    [Fact]
    public void Hold_HugeWindow_HoldsEverythingDatedWithoutOverflow() =>
        Assert.DoesNotContain(Recommend(BoneRecordedOn(new DateOnly(2024, 3, 8)), int.MaxValue, new DateOnly(2024, 3, 10)).Items, i => i.MaterialId == "bone-metastases");

    [Fact]
    public void Hold_WithoutToday_IsRejected() =>
        Assert.Throws<ArgumentException>(() => Recommend(Metastatic(["bone"]), 14, default));

    [Theory]
    [InlineData("es-MX", "es")]
    [InlineData("ES", "es")]
    [InlineData("en-GB", "en")]
    public void Language_RegionCodes_UseTheBaseLanguage(string requested, string expected) =>
        Assert.Equal(expected, MatchingEngine.Recommend(Metastatic(["bone"]), SyntheticCatalog.Catalog, new MatchRequest { Language = requested }).Language);

    [Fact]
    public void Language_WithoutMaterials_FallsBackToEnglishWithANote()
    {
        var set = MatchingEngine.Recommend(Metastatic(["bone"]), SyntheticCatalog.Catalog, new MatchRequest { Language = "fr" });

        Assert.Equal("en", set.Language);
        Assert.All(set.Items, i => Assert.False(i.Fallback));
        Assert.Contains("Materials are not available in 'fr'; they are shown in English.", set.Notes);
    }

    [Fact]
    public void Recommend_CarriesThePatientReference() =>
        Assert.Equal("Patient/p1", MatchingEngine.Recommend(Metastatic(["bone"]), SyntheticCatalog.Catalog, new MatchRequest()).Patient);
}
