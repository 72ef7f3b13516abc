using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Core.Tests.Clinical.Records;

namespace MbcFhirEdu.Core.Tests.Clinical;

/// <summary>CODES.md site table, one row per case and per pattern, and rules 1-3.</summary>
public sealed class ConditionSiteTests
{
    [Theory]
    [InlineData("94222008", "bone")]
    [InlineData("94391008", "lung")]
    [InlineData("94381002", "liver")]
    [InlineData("94225005", "brain")]
    [InlineData("94493005", "pleura")]
    [InlineData("94392001", "lymph-nodes")]
    [InlineData("94579000", "skin")]
    [InlineData("94161006", "adrenal")]
    public void Extract_PrecoordinatedSnomedMetastasis_ReportsSite(string code, string site)
    {
        var profile = Extract(Condition("m", Sct(code)));

        Assert.True(profile.Metastatic);
        Assert.Equal([site], profile.Sites);
        Assert.Contains(new Evidence($"site:{site}", "Condition/m", Day0), profile.Evidence);
    }

    [Theory]
    [InlineData("272673000", "bone")]
    [InlineData("14016003", "bone")]
    [InlineData("39607008", "lung")]
    [InlineData("10200004", "liver")]
    [InlineData("12738006", "brain")]
    [InlineData("8935007", "leptomeninges")]
    [InlineData("2748008", "spinal-cord")]
    [InlineData("81745001", "eye")]
    [InlineData("3120008", "pleura")]
    [InlineData("59441001", "lymph-nodes")]
    [InlineData("39937001", "skin")]
    [InlineData("23451007", "adrenal")]
    [InlineData("15497006", "ovary")]
    [InlineData("15425007", "peritoneum")]
    [InlineData("80248007", "contralateral-breast")]
    public void Extract_SecondaryCancerWithSnomedBodySite_ReportsSite(string bodySite, string site)
    {
        var profile = Extract(Condition("m", Sct("128462008")) with { BodySites = [Sct(bodySite)] });

        Assert.True(profile.Metastatic);
        Assert.Equal([site], profile.Sites);
    }

    [Theory]
    [InlineData("C40.2", "bone")]
    [InlineData("C41.2", "bone")]
    [InlineData("C42.1", "bone")]
    [InlineData("C34.1", "lung")]
    [InlineData("C22.0", "liver")]
    [InlineData("C71.9", "brain")]
    [InlineData("C70.0", "leptomeninges")]
    [InlineData("C72.0", "spinal-cord")]
    [InlineData("C69.3", "eye")]
    [InlineData("C38.4", "pleura")]
    [InlineData("C77.2", "lymph-nodes")]
    [InlineData("C44.5", "skin")]
    [InlineData("C74.9", "adrenal")]
    [InlineData("C56.9", "ovary")]
    [InlineData("C48.2", "peritoneum")]
    public void Extract_SecondaryCancerWithIcdO3Topography_ReportsSite(string topography, string site)
    {
        var profile = Extract(Condition("m", Sct("128462008")) with { BodySites = [IcdO3(topography)] });

        Assert.True(profile.Metastatic);
        Assert.Equal([site], profile.Sites);
    }

    [Theory]
    [InlineData("C79.51", "bone")]
    [InlineData("C79.52", "bone")]
    [InlineData("C78.00", "lung")]
    [InlineData("C78.01", "lung")]
    [InlineData("C78.02", "lung")]
    [InlineData("C78.7", "liver")]
    [InlineData("C79.31", "brain")]
    [InlineData("C79.32", "leptomeninges")]
    [InlineData("C78.2", "pleura")]
    [InlineData("C77.0", "lymph-nodes")]
    [InlineData("C77.9", "lymph-nodes")]
    [InlineData("C79.2", "skin")]
    [InlineData("C79.70", "adrenal")]
    [InlineData("C79.72", "adrenal")]
    [InlineData("C79.60", "ovary")]
    [InlineData("C79.62", "ovary")]
    [InlineData("C78.6", "peritoneum")]
    [InlineData("C79.81", "contralateral-breast")]
    [InlineData("C7B.02", "liver")]
    public void Extract_IcdCodedMetastasis_ReportsSite(string code, string site)
    {
        var profile = Extract(Condition("m", IcdCm(code)));

        Assert.True(profile.Metastatic);
        Assert.Equal([site], profile.Sites);
    }

    [Fact]
    public void Extract_IcdCodedLiverMetastasisWithOidSystem_ReportsLiver()
    {
        var profile = Extract(Condition("m", CodeSystems.Normalize("urn:oid:2.16.840.1.113883.6.90", "C78.7")));

        Assert.Equal(["liver"], profile.Sites);
    }

    [Fact]
    public void Extract_IcdSecondaryWithoutSiteKey_IsMetastaticWithoutSiteAndWarns()
    {
        var profile = Extract(Condition("m", IcdCm("C78.4")));

        Assert.True(profile.Metastatic);
        Assert.Empty(profile.Sites);
        Assert.Contains(profile.Warnings, w => w.Contains("C78.4 has no site key", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("snomed", "94181007")]
    [InlineData("icd", "C77.3")]
    public void Extract_AxillaryNodesOnly_ListsLymphNodesButIsNotMetastatic(string kind, string code)
    {
        var profile = Extract(Condition("n", kind == "snomed" ? Sct(code) : IcdCm(code)));

        Assert.False(profile.Metastatic);
        Assert.Equal(["lymph-nodes"], profile.Sites);
    }

    [Fact]
    public void Extract_AxillaryNodeBodySite_IsRegional()
    {
        var profile = Extract(Condition("n", Sct("128462008")) with { BodySites = [Sct("68171009")] });

        Assert.False(profile.Metastatic);
        Assert.Equal(["lymph-nodes"], profile.Sites);
    }

    [Fact]
    public void Extract_AxillaryNodesAndBone_IsMetastaticWithBothSites()
    {
        var profile = Extract(Condition("n", Sct("94181007")), Condition("b", Sct("94222008")));

        Assert.True(profile.Metastatic);
        Assert.Equal(["bone", "lymph-nodes"], profile.Sites);
    }

    [Fact]
    public void Extract_PrimaryMeningealCancerC70_IsNotASite()
    {
        var profile = Extract(Condition("x", IcdCm("C70.0")));

        Assert.False(profile.Metastatic);
        Assert.Empty(profile.Sites);
        // C70 is a primary cancer of the meninges: another primary cancer (rule 15), not an unknown code.
        Assert.Contains(profile.Evidence, e => e.Fact == "other-primary" && e.Resource == "Condition/x");
    }

    [Fact]
    public void Extract_SnomedAndIcdCodingsOfOneSite_ListSiteOnce()
    {
        var profile = Extract(Condition("m", Sct("94222008"), IcdCm("C79.51")));

        Assert.Equal(["bone"], profile.Sites);
    }

    [Fact]
    public void Extract_SecondaryWithoutBodySite_IsMetastaticWithoutSiteAndWarns()
    {
        var profile = Extract(Condition("m", Sct("128462008")));

        Assert.True(profile.Metastatic);
        Assert.Empty(profile.Sites);
        Assert.Contains("Condition/m: secondary cancer without a recognised body site", profile.Warnings);
    }

    [Fact]
    public void Extract_SecondaryWithOnlyBodySiteText_UsesTextWithWarning()
    {
        var profile = Extract(Condition("m", Sct("128462008")) with { BodySiteText = "Liver" });

        Assert.Equal(["liver"], profile.Sites);
        Assert.Contains("Condition/m: secondary site read from bodySite text", profile.Warnings);
    }

    [Fact]
    public void Extract_UncodedConditionTextSaysMetastaticToLiver_UsesTextWithWarning()
    {
        var profile = Extract(new ConditionRecord { Reference = "Condition/t", Text = "Breast cancer metastatic to liver" });

        Assert.True(profile.Metastatic);
        Assert.Equal(["liver"], profile.Sites);
        Assert.Contains("Condition/t: metastasis recognised from text only, no code recognised", profile.Warnings);
    }

    // The text checks lower-case into a stack buffer up to 256 characters and fall back to a string beyond it:
    // both sides of that limit, upper case and accented letters included, must read the same.
    [Theory]
    [InlineData(0)]
    [InlineData(216)]
    [InlineData(217)]
    [InlineData(400)]
    public void Extract_UncodedConditionText_ReadTheSameAtAnyLength(int padding)
    {
        var text = "SEIN: Breast cancer METASTATIC to LIVER " + new string('é', padding);
        Assert.Equal(40 + padding, text.Length);

        var profile = Extract(new ConditionRecord { Reference = "Condition/t", Text = text });

        Assert.True(profile.Metastatic);
        Assert.Equal(["liver"], profile.Sites);
        Assert.Contains("Condition/t: metastasis recognised from text only, no code recognised", profile.Warnings);
    }

    [Fact]
    public void Extract_PrimaryAndSecondaryBreastInOneResource_SecondaryNotUsed()
    {
        var profile = Extract(Condition("x", IcdCm("C50.211"), IcdCm("C79.81")));

        Assert.False(profile.Metastatic);
        Assert.Empty(profile.Sites);
        Assert.Contains(profile.Evidence, e => e.Fact == "site:contralateral-breast" && !e.Confirmed);
    }

    [Fact]
    public void Extract_PrimaryWithBoneSecondaryInOneResource_IsMetastatic()
    {
        var profile = Extract(Condition("x", IcdCm("C50.911"), IcdCm("C79.51")));

        Assert.True(profile.Metastatic);
        Assert.Equal(["bone"], profile.Sites);
    }
}
