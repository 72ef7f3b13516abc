using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Core.Tests.Clinical.Records;

namespace MbcFhirEdu.Core.Tests.Clinical;

/// <summary>HER2: IHC scores, ISH, bare interpretations, ultralow, rule 4 episodes and rule 6.</summary>
public sealed class Her2Tests
{
    [Theory]
    [InlineData("LA6111-4", "zero")]
    [InlineData("LA11841-6", "low")]
    [InlineData("LA11842-4", "equivocal")]
    [InlineData("LA11843-2", "positive")]
    public void Extract_IhcScoreAnswer_MapsToCategory(string answer, string expected) =>
        Assert.Equal(expected, Extract(Her2Ihc(Coded(Lnc(answer)))).Her2);

    [Theory]
    [InlineData(0, "zero")]
    [InlineData(1, "low")]
    [InlineData(2, "equivocal")]
    [InlineData(3, "positive")]
    public void Extract_NumericIhcScore_MapsToCategory(int score, string expected)
    {
        Assert.Equal(expected, Extract(Her2Ihc(Int(score))).Her2);
        Assert.Equal(expected, Extract(Observation("her2", Lnc("18474-7"), Qty(score, null))).Her2);
    }

    [Theory]
    [InlineData("3+", "positive")]
    [InlineData("IHC 2+", "equivocal")]
    [InlineData("1+", "low")]
    [InlineData("0", "zero")]
    public void Extract_IhcScoreAsString_MapsToCategory(string text, string expected) =>
        Assert.Equal(expected, Extract(Her2Ihc(Str(text))).Her2);

    [Fact]
    public void Extract_Ihc0WithFaintStainingNote_IsUltralow() =>
        Assert.Equal(ProfileValues.Ultralow, Extract(Her2Ihc(Coded(Lnc("LA6111-4"))) with { Note = "Faint, incomplete staining in <10% of cells" }).Her2);

    [Fact]
    public void Extract_UltralowStated_IsUltralow() =>
        Assert.Equal(ProfileValues.Ultralow, Extract(Her2Ihc(Str("HER2-ultralow"))).Her2);

    [Fact]
    public void Extract_Ihc2PlusWithIshNegative_IsLow() =>
        Assert.Equal(ProfileValues.Low, Extract(Her2Ihc(Int(2)), Her2Ish(Str("not amplified"))).Her2);

    [Fact]
    public void Extract_Ihc2PlusWithIshAmplified_IsPositive() =>
        Assert.Equal(ProfileValues.Positive, Extract(Her2Ihc(Int(2)), Her2Ish(Coded(Positive))).Her2);

    [Theory]
    [InlineData(2.0, "positive")]
    [InlineData(1.99, "low")]
    [InlineData(4.5, "positive")]
    public void Extract_IshRatio_AmplifiedAtTwo(decimal ratio, string expected)
    {
        Assert.Equal(expected, Extract(Her2Ihc(Int(2)), Observation("r", Lnc("49683-6"), Qty(ratio, "{ratio}"))).Her2);
        Assert.Equal(expected, Extract(Her2Ihc(Int(2)), Observation("r", Lnc("49683-6"), Ratio(ratio * 100, 100))).Her2);
    }

    [Theory]
    [InlineData("greater than 2.2", "positive")]
    [InlineData("less than 1.8", "negative")]
    [InlineData("amplified", "positive")]
    [InlineData("Not amplified", "negative")]
    public void Extract_FishString_IsRead(string text, string expected) =>
        Assert.Equal(expected, Extract(Her2Ish(Str(text))).Her2);

    [Theory]
    [InlineData(6.5, "positive")]
    [InlineData(3.0, "negative")]
    [InlineData(5.0, "unknown")]
    public void Extract_IshCopyNumber_AmplifiedAtSix(decimal copies, string expected) =>
        Assert.Equal(expected, Extract(Observation("c", Lnc("74860-8"), Qty(copies, "{copies}/{nucleus}"))).Her2);

    [Fact]
    public void Extract_ImplausibleIshRatio_IsIgnoredWithWarning()
    {
        var profile = Extract(Her2Ish(new ObservationValue { Kind = ValueKind.Ratio, Numerator = 1, NumeratorComparator = ">=", Denominator = 100 }));

        Assert.Equal(ProfileValues.Unknown, profile.Her2);
        Assert.Contains("Observation/ish: implausible HER2/CEP17 ratio ignored", profile.Warnings);
    }

    [Theory]
    [InlineData("LA6576-8", "positive")]
    [InlineData("LA6577-6", "negative")]
    [InlineData("LA11884-6", "equivocal")]
    public void Extract_BareHer2Interpretation_MapsToCategory(string answer, string expected) =>
        Assert.Equal(expected, Extract(Observation("i", Lnc("48676-1"), Coded(Lnc(answer)))).Her2);

    [Theory]
    [InlineData("427685000", "positive")]
    [InlineData("431396003", "negative")]
    public void Extract_SnomedHer2Finding_MapsToCategory(string code, string expected) =>
        Assert.Equal(expected, Extract(Observation("i", Lnc("48676-1"), Coded(Sct(code)))).Her2);

    [Fact]
    public void Extract_Her2PresentAsMolecularBiomarker_IsPositive() =>
        Assert.Equal(ProfileValues.Positive, Extract(Observation("m", Lnc("18474-7"), Coded(Lnc("LA9633-4")))).Her2);

    [Fact]
    public void Extract_InterpretationCodeOnly_IsABareResult() =>
        Assert.Equal(ProfileValues.Negative, Extract(Observation("i", Lnc("48676-1"), null) with { Interpretations = [Interp("NEG")] }).Her2);

    [Fact]
    public void Extract_Ihc1PlusThenNegativeInOneEpisode_StaysLow()
    {
        var profile = Extract(Her2Ihc(Int(1), "ihc", Day0), Observation("i", Lnc("48676-1"), Coded(Negative), Day0.AddDays(10)));

        Assert.Equal(ProfileValues.Low, profile.Her2);
    }

    [Fact]
    public void Extract_IshSixtyDaysAfterIhc_IsTheSameEpisode() =>
        Assert.Equal(ProfileValues.Low, Extract(Her2Ihc(Int(2), "ihc", Day0), Her2Ish(Str("not amplified"), "ish", Day0.AddDays(60))).Her2);

    [Fact]
    public void Extract_IshSixtyOneDaysAfterIhc_IsANewEpisodeThatWins() =>
        Assert.Equal(ProfileValues.Negative, Extract(Her2Ihc(Int(2), "ihc", Day0), Her2Ish(Str("not amplified"), "ish", Day0.AddDays(61))).Her2);

    [Fact]
    public void Extract_NewestEpisodeWins_AndPositiveToLowIsAChange()
    {
        var profile = Extract(Her2Ihc(Int(3), "old", Day0), Her2Ihc(Int(1), "new", Day0.AddYears(2)));

        Assert.Equal(ProfileValues.Low, profile.Her2);
        Assert.True(profile.ReceptorChange);
        Assert.Contains(new Evidence("receptor-change:her2", "Observation/old", Day0), profile.Evidence);
    }

    [Fact]
    public void Extract_Her2LowToZero_IsNotAChange()
    {
        var profile = Extract(Her2Ihc(Int(1), "old", Day0), Her2Ihc(Int(0), "new", Day0.AddYears(2)));

        Assert.Equal(ProfileValues.Zero, profile.Her2);
        Assert.False(profile.ReceptorChange);
    }

    [Fact]
    public void Extract_Ihc3PlusWithIshNotAmplified_IsPositiveWithWarning()
    {
        var profile = Extract(Her2Ihc(Int(3)), Her2Ish(Str("not amplified")));

        Assert.Equal(ProfileValues.Positive, profile.Her2);
        Assert.Contains(profile.Warnings, w => w.Contains("HER2 IHC 3+ and ISH not amplified disagree", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_BarePositiveAndNegativeOnOneDay_WarnsAndUsesPositive()
    {
        var profile = Extract(Observation("a", Lnc("48676-1"), Coded(Positive)), Observation("b", Lnc("48676-1"), Coded(Negative)));

        Assert.Equal(ProfileValues.Positive, profile.Her2);
        Assert.Contains(profile.Warnings, w => w.Contains("contradictory HER2 results on 2024-01-15", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_ObservationCodedInterpretationAndIsh_IsReadAsIsh()
    {
        var fish = Observation("f", Lnc("48676-1"), Coded(Sct("10828004"))) with { Codes = [Lnc("48676-1"), Lnc("85318-4")] };

        Assert.Equal(ProfileValues.Positive, Extract(Her2Ihc(Int(2)), fish).Her2);
    }

    [Fact]
    public void Extract_PreliminaryHer2_IsEvidenceOnly()
    {
        var profile = Extract(Her2Ihc(Int(3)) with { Status = "preliminary" });

        Assert.Equal(ProfileValues.Unknown, profile.Her2);
        Assert.Contains(new Evidence("her2:positive", "Observation/her2", Day0, Confirmed: false), profile.Evidence);
    }
}
