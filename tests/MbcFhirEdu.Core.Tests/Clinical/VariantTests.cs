using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Core.Tests.Clinical.Records;

namespace MbcFhirEdu.Core.Tests.Clinical;

/// <summary>Genomic variants (CODES.md, rule 10).</summary>
public sealed class VariantTests
{
    private static ObservationRecord Variant(string id, Code gene, Code result, string? status = "final", DateOnly? date = null) =>
        Observation(id, Lnc("69548-6"), Coded(result), date, status) with
        {
            Components = [new ComponentRecord { Codes = [Lnc("48018-6")], Value = Coded(gene) }],
        };

    private static readonly Code Present = Lnc("LA9633-4");
    private static readonly Code Absent = Lnc("LA9634-2");

    [Theory]
    [InlineData("HGNC:8975", "PIK3CA")]
    [InlineData("HGNC:3467", "ESR1")]
    [InlineData("HGNC:1100", "BRCA1")]
    [InlineData("HGNC:1101", "BRCA2")]
    [InlineData("HGNC:391", "AKT1")]
    [InlineData("HGNC:9588", "PTEN")]
    public void Extract_GeneStudiedComponent_ReportsDetectedGene(string hgnc, string symbol)
    {
        var profile = Extract(Variant("v", Hgnc(hgnc), Present));

        Assert.Equal(ProfileValues.Detected, profile.Variants[symbol]);
        Assert.Contains(new Evidence($"variant:{symbol}:detected", "Observation/v", Day0), profile.Evidence);
    }

    [Fact]
    public void Extract_HgncCodeWithoutPrefix_IsNormalised() =>
        Assert.Equal(ProfileValues.NotDetected, Extract(Variant("v", Hgnc("8975"), Absent)).Variants["PIK3CA"]);

    [Fact]
    public void Extract_UnlistedGeneWithSymbolDisplay_IsKeyedBySymbol() =>
        Assert.Equal(ProfileValues.Detected, Extract(Variant("v", Hgnc("HGNC:26144", "PALB2"), Present)).Variants["PALB2"]);

    [Fact]
    public void Extract_UnlistedGeneWithoutDisplay_IsKeyedByHgncId() =>
        Assert.Equal(ProfileValues.Detected, Extract(Variant("v", Hgnc("HGNC:26144"), Present)).Variants["HGNC:26144"]);

    [Fact]
    public void Extract_DetectedAnywhere_BeatsNotDetected()
    {
        var profile = Extract(
            Variant("a", Hgnc("HGNC:8975"), Present, date: Day0),
            Variant("b", Hgnc("HGNC:8975"), Absent, date: Day0.AddYears(1)));

        Assert.Equal(ProfileValues.Detected, profile.Variants["PIK3CA"]);
    }

    [Fact]
    public void Extract_PreliminaryVariant_IsEvidenceOnly()
    {
        var profile = Extract(Variant("v", Hgnc("HGNC:3467"), Present, status: "preliminary"));

        Assert.Empty(profile.Variants);
        Assert.Contains(new Evidence("variant:ESR1:detected", "Observation/v", Day0, Confirmed: false), profile.Evidence);
    }

    [Fact]
    public void Extract_GeneAsValueCoding_IsRead()
    {
        var v = Observation("v", Lnc("69548-6"), Coded(Hgnc("HGNC:8975"), Present));

        Assert.Equal(ProfileValues.Detected, Extract(v).Variants["PIK3CA"]);
    }

    [Fact]
    public void Extract_GeneOnlyInCodeText_IsReadWithWarning()
    {
        var v = Observation("v", Lnc("69548-6"), Coded(Present)) with { CodeText = "PIK3CA mutation analysis" };

        var profile = Extract(v);

        Assert.Equal(ProfileValues.Detected, profile.Variants["PIK3CA"]);
        Assert.Contains("Observation/v: gene PIK3CA read from the test name text", profile.Warnings);
    }

    [Fact]
    public void Extract_InterpretationDetected_CountsAsDetected()
    {
        var v = Variant("v", Hgnc("HGNC:1100"), Present) with { Value = null, Interpretations = [Interp("POS")] };

        Assert.Equal(ProfileValues.Detected, Extract(v).Variants["BRCA1"]);
    }

    [Fact]
    public void Extract_NegativeGermlineBrca1Test_RulesOutBrca1Only()
    {
        var profile = Extract(Observation("g", Lnc("21639-0"), Coded(Negative)));

        Assert.Equal(ProfileValues.NotDetected, profile.Variants["BRCA1"]);
        Assert.False(profile.Variants.ContainsKey("BRCA2"));
    }

    [Fact]
    public void Extract_PositiveGermlineTestWithoutComponent_ReportsTheGeneItsCodeNames()
    {
        Assert.Equal(ProfileValues.Detected, Extract(Observation("g", Lnc("21639-0"), Coded(Positive))).Variants["BRCA1"]);
        Assert.Equal(ProfileValues.Detected, Extract(Observation("g", Lnc("38531-0"), Coded(Positive))).Variants["BRCA2"]);
        Assert.False(Extract(Observation("g", Lnc("38531-0"), Coded(Positive))).Variants.ContainsKey("BRCA1"));
    }

    [Fact]
    public void Extract_PositiveGermlineBrcaNamingBrca2_ReportsBrca2()
    {
        var g = Observation("g", Lnc("21639-0"), Coded(Positive)) with
        {
            Components = [new ComponentRecord { Codes = [Lnc("48018-6")], Value = Coded(Hgnc("HGNC:1101")) }],
        };

        Assert.Equal(ProfileValues.Detected, Extract(g).Variants["BRCA2"]);
    }

    [Fact]
    public void Extract_Her2MolecularBiomarkerWithGeneStudied_IsNotAVariant()
    {
        var her2 = Observation("h", Lnc("18474-7"), Coded(Present)) with
        {
            Components = [new ComponentRecord { Codes = [Lnc("48018-6")], Value = Coded(Hgnc("HGNC:3430")) }],
        };

        Assert.Empty(Extract(her2).Variants);
    }
}
