using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Core.Tests.Clinical.Records;

namespace MbcFhirEdu.Core.Tests.Clinical;

/// <summary>ER and PR: every value form, ASCO/CAP boundaries, rule 8, newest wins, contradictions, rule 6.</summary>
public sealed class ReceptorTests
{
    [Theory]
    [InlineData("85337-4")]
    [InlineData("40556-3")]
    [InlineData("16112-5")]
    public void Extract_EveryErCode_IsRead(string loinc) =>
        Assert.Equal(ProfileValues.Positive, Extract(Observation("er", Lnc(loinc), Coded(Positive))).Er);

    [Theory]
    [InlineData("85339-0")]
    [InlineData("40557-1")]
    [InlineData("16113-3")]
    public void Extract_EveryPrCode_IsRead(string loinc) =>
        Assert.Equal(ProfileValues.Negative, Extract(Observation("pr", Lnc(loinc), Coded(Negative))).Pr);

    [Theory]
    [InlineData("http://loinc.org", "LA6576-8", "positive")]
    [InlineData("http://loinc.org", "LA6577-6", "negative")]
    [InlineData("http://snomed.info/sct", "10828004", "positive")]
    [InlineData("http://snomed.info/sct", "260385009", "negative")]
    [InlineData("http://snomed.info/sct", "416053008", "positive")]
    [InlineData("http://loinc.org", "LA11884-6", "unknown")]
    [InlineData("http://snomed.info/sct", "280414007", "unknown")]
    [InlineData("http://snomed.info/sct", "82334004", "unknown")]
    [InlineData("http://loinc.org", "LA13538-6", "unknown")]
    public void Extract_CodedErAnswer_MapsToCategory(string system, string code, string expected) =>
        Assert.Equal(expected, Extract(Er(Coded(CodeSystems.Normalize(system, code)))).Er);

    [Theory]
    [InlineData("POS", "positive")]
    [InlineData("NEG", "negative")]
    [InlineData("IND", "unknown")]
    public void Extract_ErInterpretationOnly_MapsToCategory(string interpretation, string expected)
    {
        var er = Er(null!) with { Value = null, Interpretations = [Interp(interpretation)] };

        Assert.Equal(expected, Extract(er).Er);
    }

    [Fact]
    public void Extract_InterpretationWithTheWrongSystem_IsStillRead()
    {
        var er = Er(null!) with { Value = null, Interpretations = [CodeSystems.Normalize("http://hl7.org/fhir/ValueSet/observation-interpretation", "POS")] };

        Assert.Equal(ProfileValues.Positive, Extract(er).Er);
    }

    [Theory]
    [InlineData("positive", "positive")]
    [InlineData("Negative", "negative")]
    [InlineData("low positive", "low")]
    [InlineData("ER-low", "low")]
    [InlineData("POSITIVE (95%)", "positive")]
    public void Extract_ErString_MapsToCategory(string text, string expected)
    {
        Assert.Equal(expected, Extract(Er(Str(text))).Er);
        Assert.Equal(expected, Extract(Er(Words(text))).Er);
    }

    [Theory]
    [InlineData(0, null, "negative")]
    [InlineData(0.5, null, "negative")]
    [InlineData(1, null, "low")]
    [InlineData(10, null, "low")]
    [InlineData(10.5, null, "positive")]
    [InlineData(11, null, "positive")]
    [InlineData(1, "<", "negative")]
    [InlineData(1, "<=", "negative")]
    [InlineData(11, "<", "positive")]
    [InlineData(10, ">", "low")]
    [InlineData(1, ">=", "low")]
    public void Extract_ErPercentage_FollowsAscoCapAndRule8(decimal value, string? comparator, string expected) =>
        Assert.Equal(expected, Extract(Er(Qty(value, "%", comparator))).Er);

    [Theory]
    [InlineData("< 1 %", "negative")]
    [InlineData("95%", "positive")]
    [InlineData("5 %", "low")]
    public void Extract_ErPercentageAsString_FollowsRule8(string text, string expected) =>
        Assert.Equal(expected, Extract(Er(Str(text))).Er);

    [Fact]
    public void Extract_PercentCodeWithUnitlessInteger_IsAPercentage() =>
        Assert.Equal(ProfileValues.Positive, Extract(Observation("er", Lnc("85329-1"), Int(80))).Er);

    [Fact]
    public void Extract_PrPercentCode_IsRead() =>
        Assert.Equal(ProfileValues.Low, Extract(Observation("pr", Lnc("85325-9"), Qty(5))).Pr);

    [Fact]
    public void Extract_NumberWithoutPercentOnPresenceCode_IsNotGuessed() =>
        Assert.Equal(ProfileValues.Unknown, Extract(Er(Int(80))).Er);

    [Fact]
    public void Extract_ErPercentInAComponent_IsRead()
    {
        var panel = new ObservationRecord
        {
            Reference = "Observation/panel", Status = "final", Effective = Day0, Codes = [Lnc("00000-0")],
            Components = [new ComponentRecord { Codes = [Lnc("85329-1")], Value = Qty(95) }, new ComponentRecord { Codes = [Lnc("85325-9")], Value = Qty(0) }],
        };

        var profile = Extract(panel);

        Assert.Equal(ProfileValues.Positive, profile.Er);
        Assert.Equal(ProfileValues.Negative, profile.Pr);
    }

    [Fact]
    public void Extract_CodedValueBesidePercentComponent_CodedWins()
    {
        var er = Er(Coded(Positive)) with { Components = [new ComponentRecord { Codes = [Lnc("85329-1")], Value = Qty(5) }] };

        var profile = Extract(er);

        Assert.Equal(ProfileValues.Positive, profile.Er);
        Assert.DoesNotContain(profile.Warnings, w => w.Contains("disagrees", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_CodedNegativeBesidePositivePercent_CodedWinsWithWarning()
    {
        var er = Er(Coded(Negative)) with { Components = [new ComponentRecord { Codes = [Lnc("85329-1")], Value = Qty(80) }] };

        var profile = Extract(er);

        Assert.Equal(ProfileValues.Negative, profile.Er);
        Assert.Contains(profile.Warnings, w => w.Contains("disagrees with its percentage", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_TwoErResults_NewestWinsAndChangeIsReported()
    {
        var profile = Extract(Er(Coded(Positive), "old", Day0), Er(Coded(Negative), "new", Day0.AddYears(3)));

        Assert.Equal(ProfileValues.Negative, profile.Er);
        Assert.True(profile.ReceptorChange);
        Assert.Contains(new Evidence("receptor-change:er", "Observation/old", Day0), profile.Evidence);
        Assert.Contains(new Evidence("er:negative", "Observation/new", Day0.AddYears(3)), profile.Evidence);
    }

    [Fact]
    public void Extract_PrLowThenNegative_IsAChange()
    {
        var profile = Extract(Pr(Qty(5), "old", Day0), Pr(Qty(0), "new", Day0.AddYears(1)));

        Assert.Equal(ProfileValues.Negative, profile.Pr);
        Assert.True(profile.ReceptorChange);
    }

    [Fact]
    public void Extract_ErPositiveThenLow_IsNotAChange()
    {
        var profile = Extract(Er(Qty(90), "old", Day0), Er(Qty(5), "new", Day0.AddYears(1)));

        Assert.Equal(ProfileValues.Low, profile.Er);
        Assert.False(profile.ReceptorChange);
    }

    [Fact]
    public void Extract_ErPositiveAndNegativeOnOneDay_WarnsAndUsesPositiveWithoutChange()
    {
        var profile = Extract(
            Observation("a", Lnc("85337-4"), Coded(Positive)),
            Observation("b", Lnc("16112-5"), Coded(Sct("260385009"))));

        Assert.Equal(ProfileValues.Positive, profile.Er);
        Assert.False(profile.ReceptorChange);
        Assert.Contains("Observation/a: contradictory ER results on 2024-01-15 (Observation/a positive, Observation/b negative); positive used", profile.Warnings);
    }

    [Fact]
    public void Extract_PreliminaryEr_IsEvidenceOnly()
    {
        var profile = Extract(Er(Coded(Positive)) with { Status = "preliminary" });

        Assert.Equal(ProfileValues.Unknown, profile.Er);
        Assert.Contains(new Evidence("er:positive", "Observation/er", Day0, Confirmed: false), profile.Evidence);
    }

    [Theory]
    [InlineData("amended")]
    [InlineData("corrected")]
    [InlineData(null)]
    public void Extract_AmendedCorrectedOrMissingStatus_IsAResult(string? status) =>
        Assert.Equal(ProfileValues.Positive, Extract(Er(Coded(Positive)) with { Status = status }).Er);

    [Fact]
    public void Extract_ObservationCodedBothErAndPr_IsNotUsed()
    {
        var both = Er(Coded(Positive)) with { Codes = [Lnc("85337-4"), Lnc("85339-0")] };

        var profile = Extract(both);

        Assert.Equal(ProfileValues.Unknown, profile.Er);
        Assert.Equal(ProfileValues.Unknown, profile.Pr);
        Assert.Contains("Observation/er: codes name more than one marker; the value is not used", profile.Warnings);
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("something-else")]
    public void Extract_UnknownObservationStatus_IsNotConfirmed(string status)
    {
        var profile = Extract(Er(Coded(Positive)) with { Status = status });

        Assert.Equal(ProfileValues.Unknown, profile.Er);
        Assert.Contains(profile.Warnings, w => w.StartsWith("Observation/er: status", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_ValueTextBesideUnknownCode_IsReadWithWarning()
    {
        var er = Er(new ObservationValue { Kind = ValueKind.CodeableConcept, Codes = [Lnc("LA0000-0")], Text = "Positive" });

        var profile = Extract(er);

        Assert.Equal(ProfileValues.Positive, profile.Er);
        Assert.Contains(profile.Warnings, w => w.Contains("result read from text", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_DisplayOfUnknownCode_IsReadWithWarning()
    {
        var profile = Extract(Er(Coded(CodeSystems.Normalize(CodeSystems.Snomed, "", "Positive (qualifier value)"))));

        Assert.Equal(ProfileValues.Positive, profile.Er);
        Assert.Contains(profile.Warnings, w => w.Contains("result read from the display", StringComparison.Ordinal));
    }
}
