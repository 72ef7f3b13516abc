using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Core.Tests.Clinical.Records;

namespace MbcFhirEdu.Core.Tests.Clinical;

/// <summary>Whole charts shaped like the public examples in tests/fixtures/external (rebuilt here as records).</summary>
public sealed class ScenarioTests
{
    [Fact]
    public void Extract_JennyMShapedChart_IsNotMetastaticAndFlagsTheStageConflict()
    {
        var profile = Extract(
            Condition("primary", Sct("353431000119107")) with
            {
                ClinicalStatus = "remission", Onset = new DateOnly(2018, 3, 16),
                Stages = [new StageRecord { Summary = [Sct("1222806003")] }],
            },
            Observation("group", Sct("399537006"), Coded(Sct("1222769001")), new DateOnly(2018, 3, 16)),
            Observation("cm", Sct("399387003"), Coded(Sct("1229901006")), new DateOnly(2018, 3, 16)),
            Observation("pm", Sct("371497001"), new ObservationValue { Kind = ValueKind.Absent, Text = "not-applicable" }, new DateOnly(2018, 3, 16)),
            Observation("er", Lnc("85337-4"), Coded(Positive), new DateOnly(2018, 3, 10)),
            Observation("pr", Lnc("85339-0"), Coded(Negative), new DateOnly(2018, 3, 10)),
            Observation("her2", Lnc("48676-1"), Coded(Negative), new DateOnly(2018, 3, 10)),
            Observation("variant", Lnc("69548-6"), Coded(Lnc("LA9633-4")), new DateOnly(2018, 3, 15)) with
            {
                Components = [new ComponentRecord { Codes = [Lnc("48018-6")], Value = Coded(Hgnc("HGNC:26144", "PALB2")) }],
            });

        Assert.False(profile.Metastatic);
        Assert.Equal("II", profile.Stage);
        Assert.Equal(ProfileValues.HrPositiveHer2Negative, profile.Subtype);
        Assert.Equal(ProfileValues.Detected, profile.Variants["PALB2"]);
        Assert.Contains(profile.Warnings, w => w.Contains("stage values disagree", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_TrialMatchingPatient01ShapedChart_ListsSitesAndVariants()
    {
        var profile = Extract(
            Condition("primary", Sct("408643008")) with
            {
                Onset = null, BodySites = [Sct("76752008")],
                Stages = [new StageRecord { Summary = [new Code(CodeSystems.CancerStaging, "4", "IV")] }],
            },
            Observation("stage", Lnc("21908-9"), Coded(new Code(CodeSystems.CancerStaging, "4", "IV"))) with { Effective = null },
            Condition("ax", Sct("94181007")) with { Onset = null },
            Condition("liver", Sct("94381002")) with { Onset = null },
            Condition("bone", Sct("94222008")) with { Onset = null },
            Observation("er", Lnc("40556-3"), Coded(Sct("10828004"))),
            Observation("pr", Lnc("40557-1"), Coded(Sct("10828004"))),
            Observation("her2", Lnc("18474-7"), Coded(Sct("260385009"))),
            Observation("esr1", Lnc("69548-6"), Coded(Lnc("LA9633-4"))) with
            {
                Components = [new ComponentRecord { Codes = [Lnc("48018-6")], Value = Coded(Hgnc("HGNC:3467")) }],
            },
            Observation("pik3ca", Lnc("69548-6"), Coded(Lnc("LA9633-4"))) with
            {
                Components = [new ComponentRecord { Codes = [Lnc("48018-6")], Value = Coded(Hgnc("HGNC:8975")) }],
            });

        Assert.True(profile.Metastatic);
        Assert.Equal(["bone", "liver", "lymph-nodes"], profile.Sites);
        Assert.Equal("IV", profile.Stage);
        Assert.Equal(ProfileValues.Unknown, profile.Recurrence);
        Assert.Equal(ProfileValues.HrPositiveHer2Negative, profile.Subtype);
        Assert.Equal(["ESR1", "PIK3CA"], profile.Variants.Keys);
    }

    [Fact]
    public void Extract_EomPatientShapedChart_ReportsErChangeAndStageConflict()
    {
        var profile = Extract(
            Condition("c1", Sct("372137005")) with { Onset = null },
            Condition("c2", Sct("94391008")) with { ClinicalStatus = "active", Onset = null },
            Observation("stage", Lnc("21908-9"), Coded(Staging("4")), new DateOnly(2022, 1, 2)),
            Observation("cm0", Sct("399387003"), Coded(Sct("1229901006")), new DateOnly(2019, 4, 1)),
            Observation("er-old", Lnc("85337-4"), Coded(Positive), new DateOnly(2018, 3, 10)),
            Observation("er-new", Lnc("16112-5"), Coded(Sct("260385009")), new DateOnly(2022, 1, 2)),
            Observation("pr", Lnc("40557-1"), Coded(Sct("260385009")), new DateOnly(2022, 1, 2)),
            Observation("her2", Lnc("18474-7"), Coded(Sct("260385009")), new DateOnly(2022, 1, 2)));

        Assert.True(profile.Metastatic);
        Assert.Equal(["lung"], profile.Sites);
        Assert.Equal(ProfileValues.Negative, profile.Er);
        Assert.True(profile.ReceptorChange);
        Assert.Equal(ProfileValues.TripleNegative, profile.Subtype);
        Assert.Contains(profile.Warnings, w => w.Contains(DisagreementWarning, StringComparison.Ordinal) && w.Contains(" M0 ", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_SecondaryWithMeningesBodySiteAndContradictingText_UsesTheCode()
    {
        var profile = Extract(Condition("s", Sct("128462008")) with { BodySites = [Sct("8935007")], Text = "Malignant neoplasm of breast" });

        Assert.Equal(["leptomeninges"], profile.Sites);
    }

    [Fact]
    public void Extract_EpicConditionCodingPrimaryAndC7981_IsNotMetastatic()
    {
        var profile = Extract(Condition("tq6",
            CodeSystems.Normalize("http://hl7.org/fhir/sid/icd-9-cm/diagnosis", "174.2", "Malignant neoplasm of upper-inner quadrant of right female breast"),
            IcdCm("C79.81"),
            Sct("188152004", "Malignant neoplasm of upper-inner quadrant of female breast (disorder)")) with { VerificationStatus = "confirmed" });

        Assert.False(profile.Metastatic);
        Assert.Contains("Condition/tq6: codes both a primary breast cancer and a secondary in the breast; the secondary is not used", profile.Warnings);
    }
}
