using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Core.Tests.Clinical.Records;

namespace MbcFhirEdu.Core.Tests.Clinical;

/// <summary>PD-L1, rule 13.</summary>
public sealed class Pdl1Tests
{
    [Theory]
    [InlineData("LA6576-8", "positive")]
    [InlineData("LA6577-6", "negative")]
    public void Extract_CodedPdl1_IsRead(string answer, string expected) =>
        Assert.Equal(expected, Extract(Observation("p", Lnc("83052-1"), Coded(Lnc(answer)))).Pdl1);

    [Theory]
    [InlineData("POS", "positive")]
    [InlineData("NEG", "negative")]
    [InlineData("H", "positive")]
    [InlineData("L", "negative")]
    public void Extract_InterpretationWinsOverNumber(string interpretation, string expected)
    {
        var p = Observation("p", Lnc("83052-1"), Qty(1, "{CPS}")) with { Interpretations = [Interp(interpretation)], CodeText = "PD-L1 CPS" };

        Assert.Equal(expected, Extract(p).Pdl1);
    }

    [Theory]
    [InlineData(10, "positive")]
    [InlineData(9.9, "negative")]
    [InlineData(45, "positive")]
    public void Extract_CombinedPositiveScore_CutsAtTen(decimal cps, string expected)
    {
        var p = Observation("p", Lnc("83052-1"), Qty(cps, null)) with { CodeText = "PD-L1 22C3 combined positive score (CPS)" };

        Assert.Equal(expected, Extract(p).Pdl1);
    }

    [Fact]
    public void Extract_CpsInAComponent_IsRead()
    {
        var p = Observation("p", Lnc("83052-1"), null) with
        {
            Components = [new ComponentRecord { CodeText = "CPS", Value = Qty(12, null) }],
        };

        Assert.Equal(ProfileValues.Positive, Extract(p).Pdl1);
    }

    [Fact]
    public void Extract_TumourProportionScore_IsUnknownWithWarning()
    {
        var profile = Extract(Observation("p", Lnc("83053-9"), Qty(60)));

        Assert.Equal(ProfileValues.Unknown, profile.Pdl1);
        Assert.Contains("Observation/p: PD-L1 TPS or IC score has no profile cut-off (rule 13)", profile.Warnings);
    }

    [Fact]
    public void Extract_UnlabelledNumber_IsUnknownWithWarning()
    {
        var profile = Extract(Observation("p", Lnc("83052-1"), Qty(5)));

        Assert.Equal(ProfileValues.Unknown, profile.Pdl1);
        Assert.Contains("Observation/p: PD-L1 number is not labelled as a combined positive score (rule 13)", profile.Warnings);
    }

    [Fact]
    public void Extract_NewestPdl1Wins() =>
        Assert.Equal(ProfileValues.Negative, Extract(
            Observation("a", Lnc("83052-1"), Coded(Positive), Day0),
            Observation("b", Lnc("83052-1"), Coded(Negative), Day0.AddDays(200))).Pdl1);
}
