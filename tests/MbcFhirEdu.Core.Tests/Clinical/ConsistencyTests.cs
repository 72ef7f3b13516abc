using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Core.Tests.Clinical.Records;

namespace MbcFhirEdu.Core.Tests.Clinical;

public sealed class ConsistencyTests
{
    private static ConditionRecord StageIii(string id) => Condition(id, BreastCancer) with
    {
        Stages = [new StageRecord { Summary = [Staging("3")] }],
    };

    [Fact]
    public void Extract_SecondaryCodeWithPrimaryText_KeepsTheSiteAndWarns()
    {
        var secondary = Condition("sec", Sct("128462008")) with { BodySites = [Sct("12738006")], Text = "Malignant neoplasm of breast (disorder)" };

        var profile = Extract(Condition("prim", BreastCancer), secondary);

        Assert.Equal(["brain"], profile.Sites);
        Assert.Contains(profile.Warnings, w => w.StartsWith("Condition/sec:", StringComparison.Ordinal) && w.Contains("text describes a primary breast cancer"));
    }

    [Fact]
    public void Extract_SecondaryCodeWithMatchingText_DoesNotWarn()
    {
        var secondary = Condition("sec", Sct("94222008")) with { Text = "Breast cancer metastatic to bone" };

        var profile = Extract(Condition("prim", BreastCancer), secondary);

        Assert.DoesNotContain(profile.Warnings, w => w.Contains("describes a primary"));
    }

    [Fact]
    public void Extract_DeNovoSpreadBesideStageIii_Warns()
    {
        var profile = Extract(StageIii("prim"), Condition("liver", Sct("94381002")));

        Assert.Equal(ProfileValues.DeNovo, profile.Recurrence);
        Assert.Contains(profile.Warnings, w => w.Contains("recorded stage is III, not IV"));
    }

    [Fact]
    public void Extract_LateRecurrenceBesideStageIii_DoesNotWarnBecauseStageIsSetAtDiagnosis()
    {
        var later = Condition("liver", Sct("94381002")) with { Onset = Day0.AddYears(3) };

        var profile = Extract(StageIii("prim"), later);

        Assert.Equal(ProfileValues.DistantRecurrence, profile.Recurrence);
        Assert.DoesNotContain(profile.Warnings, w => w.Contains("not IV"));
    }
}
