using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Core.Tests.Clinical.Records;

namespace MbcFhirEdu.Core.Tests.Clinical;

/// <summary>Rule 11.</summary>
public sealed class LanguageTests
{
    private static string LanguageOf(params LanguagePreference[] languages) =>
        Extract(new PatientRecord { Reference = "Patient/p1", Languages = languages }).Language;

    [Fact]
    public void Extract_PreferredLanguage_Wins() =>
        Assert.Equal("es", LanguageOf(new("en-US", false), new("es-MX", true)));

    [Fact]
    public void Extract_NoPreferred_FirstListedWins() =>
        Assert.Equal("vi", LanguageOf(new("vi", false), new("en", false)));

    [Fact]
    public void Extract_NoLanguage_IsEnglish() => Assert.Equal("en", LanguageOf());

    [Theory]
    [InlineData("ES", "es")]
    [InlineData("zh-Hant-TW", "zh")]
    [InlineData("spa", "es")]
    [InlineData("pt_BR", "pt")]
    public void Extract_LanguageCode_IsReducedToTwoLowerCaseLetters(string code, string expected) =>
        Assert.Equal(expected, LanguageOf(new LanguagePreference(code, true)));

    [Fact]
    public void Extract_UnreadableLanguage_IsEnglishWithWarning()
    {
        var profile = Extract(new PatientRecord { Reference = "Patient/p1", Languages = [new("x-klingon", true)] });

        Assert.Equal("en", profile.Language);
        Assert.Contains(profile.Warnings, w => w.StartsWith("Patient/p1: language code", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_Language_HasEvidence() =>
        Assert.Contains(new Evidence("language:es", "Patient/p1", null),
            Extract(new PatientRecord { Reference = "Patient/p1", Languages = [new("es", true)] }).Evidence);
}
