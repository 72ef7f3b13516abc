using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Core.Clinical.Codes;

namespace MbcFhirEdu.Core.Tests.Clinical;

/// <summary>The code tables are plain data; these checks keep them consistent with the profile vocabulary.</summary>
public sealed class CodeTableTests
{
    public static TheoryData<string, CodeTableEntry> SiteRows()
    {
        var rows = new TheoryData<string, CodeTableEntry>();
        foreach (var e in MetastasisCodes.SnomedDisorders.Entries) rows.Add("snomed-disorder", e);
        foreach (var e in MetastasisCodes.SnomedBodySites.Entries) rows.Add("snomed-body-site", e);
        foreach (var e in MetastasisCodes.IcdO3Topography.Entries) rows.Add("icd-o-3", e);
        foreach (var e in MetastasisCodes.IcdSites.Entries) rows.Add("icd-10", e);
        return rows;
    }

    [Theory]
    [MemberData(nameof(SiteRows))]
    public void SiteTables_UseOnlyProfileSiteKeys(string table, CodeTableEntry row) =>
        Assert.True(ProfileValues.SiteKeys.Contains(row.Meaning), $"{table} {row.Code} -> {row.Meaning}");

    [Fact]
    public void StageValues_AreProfileStageGroups() =>
        Assert.All(StageCodes.StageValues.Entries, e => Assert.Contains(e.Meaning, new[] { "0", "I", "II", "III", "IV" }));

    [Fact]
    public void GeneTable_KeysAreSymbols() =>
        Assert.All(GeneCodes.Genes.Entries, e => Assert.Matches("^[A-Z0-9]+$", e.Meaning));

    [Fact]
    public void MarkerTable_HasEveryCodesMdMarkerCode()
    {
        string[] codes = ["85337-4", "40556-3", "16112-5", "85329-1", "85339-0", "40557-1", "16113-3", "85325-9",
            "85319-2", "18474-7", "48676-1", "85318-4", "31150-6", "49683-6", "74860-8", "83052-1", "83053-9", "85330-9", "29593-1"];

        Assert.All(codes, c => Assert.True(MarkerCodes.Tests.Contains(new Code(CodeSystems.Loinc, c)), c));
    }

    [Fact]
    public void RegionalNodes_AreAxillaryOnly()
    {
        Assert.True(MetastasisCodes.IsRegional(new Code(CodeSystems.Icd10Cm, "C77.3")));
        Assert.False(MetastasisCodes.IsRegional(new Code(CodeSystems.Icd10Cm, "C77.4")));
        Assert.False(MetastasisCodes.IsRegional(new Code(CodeSystems.Snomed, "94392001")));
        Assert.True(MetastasisCodes.IsRegional(new Code(CodeSystems.Snomed, "94181007")));
    }

    [Theory]
    [InlineData("C79.51", "bone")]
    [InlineData("C7951", "bone")]
    [InlineData("C79.32", "leptomeninges")]
    [InlineData("C79.3", "brain")]
    [InlineData("C78.01", "lung")]
    public void IcdSites_UseTheLongestPrefix(string code, string site) =>
        Assert.Equal(site, MetastasisCodes.IcdSites.Find(new Code(CodeSystems.Icd10Cm, code)));

    [Fact]
    public void PrefixTable_IgnoresOtherSystems() =>
        Assert.Null(MetastasisCodes.IcdSites.Find(new Code(CodeSystems.Snomed, "C78.7")));
}
