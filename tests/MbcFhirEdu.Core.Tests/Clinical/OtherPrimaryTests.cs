using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Core.Tests.Clinical.Records;

namespace MbcFhirEdu.Core.Tests.Clinical;

/// <summary>CODES.md rule 15 "Other primary cancers" and rule 12's related primaries: whose spread is it?</summary>
public sealed class OtherPrimaryTests
{
    private const string Unclear = "spread of unclear origin: another primary cancer is recorded";

    private static ConditionRecord Lung(string id = "lung") => Condition(id, IcdCm("C34.90"));

    private static ConditionRecord BoneMetastasis(params RelatedReference[] related) =>
        Condition("m", Sct("94222008")) with { RelatedPrimaries = related };

    [Fact]
    public void Profile_UnlinkedMetastasisBesideActiveLungCancer_IsNotCounted()
    {
        var profile = Extract(Condition("p", BreastCancer), Lung(), BoneMetastasis());

        Assert.False(profile.Metastatic);
        Assert.Empty(profile.Sites);
        Assert.Contains(profile.Warnings, w => w.StartsWith("Condition/m: " + Unclear, StringComparison.Ordinal) && w.Contains("Condition/lung", StringComparison.Ordinal));
        Assert.Equal(ProfileValues.Recorded, profile.BreastCancer);
    }

    [Fact]
    public void Profile_MetastasisLinkedToTheBreastPrimary_CountsBesideActiveLungCancer()
    {
        var profile = Extract(Condition("p", BreastCancer), Lung(), BoneMetastasis(new RelatedReference("Condition/p")));

        Assert.True(profile.Metastatic);
        Assert.Equal(["bone"], profile.Sites);
        Assert.DoesNotContain(profile.Warnings, w => w.Contains(Unclear, StringComparison.Ordinal));
    }

    [Fact]
    public void Profile_LungCancerInRemission_DoesNotMakeSpreadUnclear()
    {
        var profile = Extract(Condition("p", BreastCancer), Lung() with { ClinicalStatus = "remission" }, BoneMetastasis());

        Assert.True(profile.Metastatic);
        Assert.Equal(["bone"], profile.Sites);
    }

    [Theory]
    [InlineData("http://fhir.de/CodeSystem/bfarm/icd-10-gm", "C18.7")]
    [InlineData(CodeSystems.Icd10, "C56")]
    [InlineData(CodeSystems.Icd10Cm, "C90.00")]
    [InlineData(CodeSystems.Snomed, "93880001", "Primary malignant neoplasm of lung")]
    [InlineData(CodeSystems.Snomed, "254637007", "Non-small cell lung cancer")]
    [InlineData(CodeSystems.Snomed, "363418001", "Malignant neoplasm of pancreas")]
    public void Profile_OtherActivePrimary_MakesUnlinkedM1Unclear(string system, string code, string? display = null)
    {
        var other = Condition("o", CodeSystems.Normalize(system, code, display));
        var m1 = Observation("m1", Sct("399387003"), Coded(Sct("55440008")));

        var profile = Extract(Condition("p", BreastCancer), other, m1);

        Assert.False(profile.Metastatic);
        Assert.Equal(ProfileValues.Unknown, profile.Stage);
        Assert.Contains(profile.Warnings, w => w.StartsWith("Observation/m1: " + Unclear, StringComparison.Ordinal));
        Assert.Contains(profile.Evidence, e => e.Fact == "other-primary" && e.Resource == "Condition/o");
    }

    [Fact]
    public void Profile_GenericMalignancyWithLungBodySite_IsAnotherPrimary()
    {
        var other = Condition("o", Sct("363346000")) with { BodySites = [Sct("39607008")] };

        var profile = Extract(Condition("p", BreastCancer), other, BoneMetastasis());

        Assert.False(profile.Metastatic);
        Assert.Contains(profile.Evidence, e => e.Fact == "other-primary" && e.Resource == "Condition/o");
    }

    [Theory]
    [InlineData("Carcinoma")]
    [InlineData("Malignant neoplasm of breast")]
    [InlineData("Family history of lung cancer")]
    [InlineData("Carcinoma in situ of cervix")]
    public void Profile_WordsThatMayBeTheBreastCancerOrNoCancer_AreNoOtherPrimary(string words)
    {
        var maybe = Condition("o", Sct("999999999", words));

        var profile = Extract(Condition("p", BreastCancer), maybe, BoneMetastasis());

        Assert.True(profile.Metastatic);
        Assert.DoesNotContain(profile.Evidence, e => e.Fact == "other-primary");
    }

    [Fact]
    public void Profile_M1WithFocusOnTheBreastPrimary_Counts()
    {
        var m1 = Observation("m1", Sct("399387003"), Coded(Sct("55440008"))) with { Focus = [new RelatedReference("Condition/p")] };

        var profile = Extract(Condition("p", BreastCancer), Lung(), m1);

        Assert.True(profile.Metastatic);
        Assert.Equal("IV", profile.Stage);
    }

    [Fact]
    public void Profile_StageIvAssessedByTheBreastPrimary_Counts()
    {
        var primary = Condition("p", BreastCancer) with { Stages = [new StageRecord { Assessments = ["Observation/s"] }] };
        var stage = Observation("s", Lnc("21908-9"), Coded(Staging("4")));

        var profile = Extract(primary, Lung(), stage);

        Assert.True(profile.Metastatic);
        Assert.Equal("IV", profile.Stage);
    }

    [Fact]
    public void Profile_SecondaryRelatedToAResolvedLungPrimary_IsNotBreastCancerSpread()
    {
        // Rule 12: the link says whose spread it is, even when that cancer is no longer active.
        var profile = Extract(Condition("p", BreastCancer), Lung() with { ClinicalStatus = "resolved" }, BoneMetastasis(new RelatedReference("Condition/lung")));

        Assert.False(profile.Metastatic);
        Assert.Empty(profile.Sites);
        Assert.Contains(profile.Warnings, w => w.StartsWith("Condition/m: ", StringComparison.Ordinal)
            && w.Contains("linked to another primary cancer (Condition/lung)", StringComparison.Ordinal));
    }

    [Fact]
    public void Profile_StageObservationFocusedOnAnotherCancer_IsNotTheBreastStage()
    {
        var stage = Observation("s", Lnc("21908-9"), Coded(Staging("3"))) with { Focus = [new RelatedReference("Condition/lung")] };

        var profile = Extract(Condition("p", BreastCancer), Lung(), stage);

        Assert.Equal(ProfileValues.Unknown, profile.Stage);
        Assert.Contains(profile.Warnings, w => w.StartsWith("Observation/s: stage III is linked to another primary cancer", StringComparison.Ordinal));
    }

    [Fact]
    public void Profile_UnresolvedRelatedPrimaryNamingAnotherCancer_IsNotCounted()
    {
        var profile = Extract(Condition("p", BreastCancer), BoneMetastasis(new RelatedReference("Condition/elsewhere", "Non-small cell lung cancer")));

        Assert.False(profile.Metastatic);
        Assert.Contains(profile.Warnings, w => w.Contains("linked to another primary cancer (Condition/elsewhere)", StringComparison.Ordinal));
    }

    [Fact]
    public void Profile_UnresolvedRelatedPrimaryWithoutDisplay_CountsWithAWarning()
    {
        var profile = Extract(Condition("p", BreastCancer), BoneMetastasis(new RelatedReference("Condition/elsewhere")));

        Assert.True(profile.Metastatic);
        Assert.Contains(profile.Warnings, w => w.StartsWith("Condition/m: related primary Condition/elsewhere is not in the record", StringComparison.Ordinal));
    }

    [Fact]
    public void Profile_UnresolvedRelatedPrimaryWithoutDisplay_IsUnclearBesideAnActiveOtherPrimary()
    {
        var profile = Extract(Condition("p", BreastCancer), Lung(), BoneMetastasis(new RelatedReference("Condition/elsewhere")));

        Assert.False(profile.Metastatic);
        Assert.Contains(profile.Warnings, w => w.StartsWith("Condition/m: " + Unclear, StringComparison.Ordinal));
    }

    [Fact]
    public void Profile_FocusOnASpecimen_IsNoLinkToAnyCancer()
    {
        var m1 = Observation("m1", Sct("399387003"), Coded(Sct("55440008"))) with { Focus = [new RelatedReference("Specimen/biopsy")] };

        var profile = Extract(Condition("p", BreastCancer), m1);

        Assert.True(profile.Metastatic);
        Assert.DoesNotContain(profile.Warnings, w => w.Contains("related primary", StringComparison.Ordinal));
    }
}
