using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Core.Tests.Clinical.Records;

namespace MbcFhirEdu.Core.Tests.Clinical;

/// <summary>Warnings: read warnings first, rule 14, no free text, deterministic order.</summary>
public sealed class WarningTests
{
    [Fact]
    public void Extract_ReadWarnings_ComeFirstInTheirOrder()
    {
        var profile = Extract("z: read problem", "a: another", Condition("x", IcdCm("C34.90")));

        Assert.Equal("z: read problem", profile.Warnings[0]);
        Assert.Equal("a: another", profile.Warnings[1]);
        Assert.Equal(3, profile.Warnings.Count);
    }

    [Theory]
    [InlineData("Malignant tumour of pancreas")]
    [InlineData("Metastatic melanoma")]
    [InlineData("Secondary neoplasm, unspecified")]
    [InlineData("Ductal carcinoma")]
    public void Extract_UnknownCancerLikeCode_Warns(string display)
    {
        var profile = Extract(Condition("x", Sct("123456789", display)));

        Assert.Contains($"Condition/x: cancer-like condition with unrecognised code ({CodeSystems.Snomed}|123456789)", profile.Warnings);
    }

    [Fact]
    public void Extract_UnknownCancerLikeText_WarnsWithoutCopyingTheText()
    {
        var profile = Extract(new ConditionRecord { Reference = "Condition/x", Text = "Jane Doe's malignant thing" });

        var warning = Assert.Single(OtherWarnings(profile));
        Assert.DoesNotContain("Jane", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_NonCancerCondition_DoesNotWarn() =>
        Assert.Empty(OtherWarnings(Extract(Condition("d", Sct("44054006", "Diabetes mellitus type 2")))));

    [Fact]
    public void Extract_RefutedCancerLikeCondition_DoesNotWarn() =>
        Assert.Empty(OtherWarnings(Extract(Condition("x", Sct("123456789", "Malignant thing")) with { VerificationStatus = "refuted" })));

    [Fact]
    public void Extract_Warnings_AreSortedAfterTheReadWarnings()
    {
        var profile = Extract(Condition("b", IcdCm("C34.90")), Condition("a", IcdCm("C25.0")));

        Assert.Equal(profile.Warnings.Order(StringComparer.Ordinal), profile.Warnings);
    }

    [Fact]
    public void Extract_EmptyPatient_GivesUnknownProfile()
    {
        var profile = Extract();

        Assert.Equal("Patient/p1", profile.Patient);
        Assert.False(profile.Metastatic);
        Assert.Equal(ProfileValues.Unknown, profile.Stage);
        Assert.Equal(ProfileValues.Unknown, profile.Subtype);
        Assert.Equal("en", profile.Language);
        Assert.Equal(ProfileValues.NotFound, profile.BreastCancer);
        Assert.Single(profile.Warnings, IsNotFoundWarning);
        Assert.Empty(OtherWarnings(profile));
    }

    [Fact]
    public void Extract_DuplicateReference_WarnsAndReadsBoth()
    {
        var profile = Extract(Condition("m", Sct("94222008")), Condition("m", Sct("94381002")));

        Assert.Equal(["bone", "liver"], profile.Sites);
        Assert.Contains("Condition/m: appears 2 times; every copy was read", profile.Warnings);
    }

    [Theory]
    // Sorted and distinct (as the reader hands them over), unsorted, and a reference of another type in a list: only
    // the last two hold a repeat, and both must still be found.
    [InlineData(false, "a", "b", "c")]
    [InlineData(true, "b", "a", "b")]
    [InlineData(true, "Observation/x", "a", "b")]
    public void Extract_DuplicateCheck_FindsRepeatsWhateverTheOrder(bool repeated, string first, string second, string third)
    {
        ConditionRecord At(string id) => Condition("c", Sct("38341003")) with { Reference = id.Contains('/') ? id : "Condition/" + id };
        var records = new object[] { At(first), At(second), At(third), Observation("x", Lnc("718-7"), null) };

        var warnings = Extract(records).Warnings.Where(w => w.Contains("appears 2 times", StringComparison.Ordinal)).ToList();

        Assert.Equal(repeated ? 1 : 0, warnings.Count);
    }
}
