using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Core.Tests.Clinical.Records;

namespace MbcFhirEdu.Core.Tests.Clinical;

/// <summary>Subtype (DESIGN.md values, rule 5).</summary>
public sealed class SubtypeTests
{
    private static readonly ObservationValue Pos = Coded(Positive);
    private static readonly ObservationValue Neg = Coded(Negative);

    [Fact]
    public void Extract_ErPositiveHer2Low_IsHrPositiveHer2Negative() =>
        Assert.Equal(ProfileValues.HrPositiveHer2Negative, Extract(Er(Pos), Pr(Neg), Her2Ihc(Int(1))).Subtype);

    [Fact]
    public void Extract_PrLowOnlyHer2Positive_IsHrPositiveHer2Positive() =>
        Assert.Equal(ProfileValues.HrPositiveHer2Positive, Extract(Er(Neg), Pr(Qty(5)), Her2Ihc(Int(3))).Subtype);

    [Fact]
    public void Extract_HrNegativeHer2Positive_IsHrNegativeHer2Positive() =>
        Assert.Equal(ProfileValues.HrNegativeHer2Positive, Extract(Er(Neg), Pr(Neg), Her2Ihc(Int(3))).Subtype);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Extract_ErPrNegativeHer2NotPositive_IsTripleNegative(int score) =>
        Assert.Equal(ProfileValues.TripleNegative, Extract(Er(Neg), Pr(Neg), Her2Ihc(Int(score))).Subtype);

    [Fact]
    public void Extract_ErPrNegativeHer2StatedNegative_IsTripleNegative() =>
        Assert.Equal(ProfileValues.TripleNegative, Extract(Er(Neg), Pr(Neg), Observation("h", Lnc("48676-1"), Neg)).Subtype);

    [Fact]
    public void Extract_ErPrNegativeHer2Ultralow_IsTripleNegative() =>
        Assert.Equal(ProfileValues.TripleNegative, Extract(Er(Neg), Pr(Neg), Her2Ihc(Str("ultralow"))).Subtype);

    [Fact]
    public void Extract_Her2Equivocal_IsUnknown() =>
        Assert.Equal(ProfileValues.Unknown, Extract(Er(Neg), Pr(Neg), Her2Ihc(Int(2))).Subtype);

    [Fact]
    public void Extract_Her2Missing_IsUnknown() =>
        Assert.Equal(ProfileValues.Unknown, Extract(Er(Pos), Pr(Pos)).Subtype);

    [Fact]
    public void Extract_ErNegativePrMissing_IsUnknown() =>
        Assert.Equal(ProfileValues.Unknown, Extract(Er(Neg), Her2Ihc(Int(0))).Subtype);

    [Fact]
    public void Extract_Subtype_HasEvidenceFromTheDecidingResults()
    {
        var profile = Extract(Er(Neg), Pr(Neg), Her2Ihc(Int(0)));

        Assert.Contains(new Evidence("subtype:triple-negative", "Observation/her2", null), profile.Evidence);
        Assert.Contains(new Evidence("subtype:triple-negative", "Observation/er", null), profile.Evidence);
    }
}
