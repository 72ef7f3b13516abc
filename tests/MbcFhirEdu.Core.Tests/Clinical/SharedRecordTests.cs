using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Core.Clinical.Codes;
using static MbcFhirEdu.Core.Tests.Clinical.Records;

namespace MbcFhirEdu.Core.Tests.Clinical;

/// <summary>
/// The extractor sorts records into buckets once and remembers answers per code list: a record that fits two
/// buckets is read by both, records that share one code list are still read one by one, and repeated
/// evidence is listed once.
/// </summary>
public sealed class SharedRecordTests
{
    [Fact]
    public void Extract_ObservationWithErAndPrComponents_CountsForBoth()
    {
        var panel = Observation("panel", Lnc("85337-4"), null) with
        {
            Codes = [],
            Components =
            [
                new ComponentRecord { Codes = [Lnc("85337-4")], Value = Coded(Positive) },
                new ComponentRecord { Codes = [Lnc("85339-0")], Value = Coded(Negative) },
            ],
        };

        var profile = Extract(panel);

        Assert.Equal(ProfileValues.Positive, profile.Er);
        Assert.Equal(ProfileValues.Negative, profile.Pr);
        Assert.Contains(new Evidence("er:positive", "Observation/panel", Day0), profile.Evidence);
        Assert.Contains(new Evidence("pr:negative", "Observation/panel", Day0), profile.Evidence);
    }

    [Fact]
    public void Extract_ObservationCodedAsHer2AndVariantTest_IsReadByBothReaders()
    {
        var both = new ObservationRecord
        {
            Reference = "Observation/both",
            Codes = [Lnc("85318-4"), Lnc("69548-6")],
            Value = Coded(Lnc("LA9633-4"), Hgnc("HGNC:3430")),
            Effective = Day0,
            Status = "final",
        };

        var profile = Extract(both);

        Assert.Equal(ProfileValues.Positive, profile.Her2);
        Assert.Equal(ProfileValues.Detected, profile.Variants["ERBB2"]);
    }

    [Fact]
    public void Extract_ObservationsSharingOneCodeList_AreEachReadWithTheirOwnValue()
    {
        IReadOnlyList<Code> erTest = [Lnc("85337-4")];
        var older = Er(Coded(Positive), "old", Day0) with { Codes = erTest };
        var newer = Er(Coded(Negative), "new", Day0.AddDays(200)) with { Codes = erTest };

        var profile = Extract(older, newer);

        Assert.Equal(ProfileValues.Negative, profile.Er);
        Assert.True(profile.ReceptorChange);
        Assert.Contains(new Evidence("er:negative", "Observation/new", Day0.AddDays(200)), profile.Evidence);
        Assert.DoesNotContain(profile.Evidence, e => e.Fact == "er:positive");
    }

    [Fact]
    public void Extract_ConditionsSharingOneUnknownCancerCodeList_AreEachWarned()
    {
        IReadOnlyList<Code> unknown = [Sct("123456789", "Malignant neoplasm of pancreas")];
        var first = new ConditionRecord { Reference = "Condition/a", Codes = unknown };
        var second = new ConditionRecord { Reference = "Condition/b", Codes = unknown };
        var refuted = new ConditionRecord { Reference = "Condition/c", Codes = unknown, VerificationStatus = "refuted" };

        var profile = Extract(first, second, refuted);

        Assert.Equal(
            [
                $"Condition/a: cancer-like condition with unrecognised code ({CodeSystems.Snomed}|123456789)",
                $"Condition/b: cancer-like condition with unrecognised code ({CodeSystems.Snomed}|123456789)",
            ],
            OtherWarnings(profile));
    }

    [Fact]
    public void Extract_SharedHarmlessCodeList_StillJudgesEachConditionsText()
    {
        IReadOnlyList<Code> hypertension = [Sct("38341003", "Hypertensive disorder")];
        var worded = new ConditionRecord { Reference = "Condition/worded", Codes = hypertension, Text = "carcinoma, primary site unknown" };
        var plain = new ConditionRecord { Reference = "Condition/plain", Codes = hypertension, Text = "high blood pressure" };
        var spread = new ConditionRecord { Reference = "Condition/spread", Codes = hypertension, Text = "metastatic to the liver" };

        var profile = Extract(worded, plain, spread);

        Assert.Contains(profile.Warnings, w => w.StartsWith("Condition/worded: cancer-like condition", StringComparison.Ordinal));
        Assert.DoesNotContain(profile.Warnings, w => w.StartsWith("Condition/plain", StringComparison.Ordinal));
        Assert.Equal(["liver"], profile.Sites);
        Assert.Contains("Condition/spread: metastasis recognised from text only, no code recognised", profile.Warnings);
    }

    [Fact]
    public void Extract_SameEvidenceLoggedTwice_IsListedOnce()
    {
        var copy = Er(Coded(Positive), "twice");

        var profile = Extract(copy, copy with { });

        Assert.Single(profile.Evidence, e => e.Fact == "er:positive");
        Assert.Contains("Observation/twice: appears 2 times; every copy was read", profile.Warnings);
    }

    [Theory]
    [InlineData("c79.51")]
    [InlineData(" C79.51 ")]
    [InlineData("C.79.51")]
    public void IcdSites_IgnoreCaseDotsAndSpaces(string code) =>
        Assert.Equal("bone", MetastasisCodes.IcdSites.Find(new Code(CodeSystems.Icd10Cm, code)));
}
