using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Core.Tests.Clinical.Records;

namespace MbcFhirEdu.Core.Tests.Clinical;

/// <summary>Rule 7: de novo vs distant recurrence.</summary>
public sealed class RecurrenceTests
{
    private static readonly ConditionRecord Primary = Condition("p", BreastCancer);

    private static ConditionRecord LiverAfter(int days, string id = "m") =>
        Condition(id, Sct("94381002")) with { Onset = Day0.AddDays(days) };

    [Theory]
    [InlineData(89, "de-novo")]
    [InlineData(90, "de-novo")]
    [InlineData(91, "distant-recurrence")]
    [InlineData(-30, "de-novo")]
    [InlineData(2000, "distant-recurrence")]
    public void Extract_FirstMetastasisDays_AfterDiagnosis_DecidesRecurrence(int days, string expected) =>
        Assert.Equal(expected, Extract(Primary, LiverAfter(days)).Recurrence);

    [Fact]
    public void Extract_EarliestMetastasisCounts()
    {
        var profile = Extract(Primary, LiverAfter(700, "late"), LiverAfter(20, "early"));

        Assert.Equal(ProfileValues.DeNovo, profile.Recurrence);
        Assert.Contains(new Evidence("recurrence:de-novo", "Condition/early", Day0.AddDays(20)), profile.Evidence);
    }

    [Fact]
    public void Extract_StageIvAtDiagnosis_IsDeNovo()
    {
        var primary = Primary with { Stages = [new StageRecord { Summary = [Staging("4")] }] };

        Assert.Equal(ProfileValues.DeNovo, Extract(primary).Recurrence);
    }

    [Fact]
    public void Extract_M1LongAfterDiagnosis_IsDistantRecurrence() =>
        Assert.Equal(ProfileValues.DistantRecurrence,
            Extract(Primary, Observation("m", Lnc("21907-1"), Coded(Sct("55440008")), Day0.AddDays(400))).Recurrence);

    [Fact]
    public void Extract_NoDiagnosisDate_IsUnknown() =>
        Assert.Equal(ProfileValues.Unknown, Extract(Primary with { Onset = null }, LiverAfter(400)).Recurrence);

    [Fact]
    public void Extract_UndatedMetastasisOnly_IsUnknown() =>
        Assert.Equal(ProfileValues.Unknown, Extract(Primary, LiverAfter(0) with { Onset = null }).Recurrence);

    [Fact]
    public void Extract_NotMetastatic_IsUnknown() =>
        Assert.Equal(ProfileValues.Unknown, Extract(Primary, Condition("n", Sct("94181007"))).Recurrence);

    [Fact]
    public void Extract_ResolvedMetastasisStillDatesTheFirstSpread() =>
        Assert.Equal(ProfileValues.DistantRecurrence, Extract(Primary, LiverAfter(500) with { ClinicalStatus = "resolved" }).Recurrence);

    [Fact]
    public void Extract_HistoryObservationLongAfter_CannotProveRecurrence() =>
        Assert.Equal(ProfileValues.Unknown, Extract(Primary, Observation("h", Sct("1287652008"), null, Day0.AddDays(800))).Recurrence);

    [Fact]
    public void Extract_HistoryObservationSoonAfter_ProvesDeNovo() =>
        Assert.Equal(ProfileValues.DeNovo, Extract(Primary, Observation("h", Sct("1287652008"), null, Day0.AddDays(60))).Recurrence);
}
