using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Core.Tests.Clinical.Records;

namespace MbcFhirEdu.Core.Tests.Clinical;

/// <summary>CODES.md rule 19: facts from free text are marked and warned about; text the extractor does not use is never silent.</summary>
public sealed class TextFactTests
{
    [Theory]
    [InlineData("cT2 cN1 cM0 – UICC IIB", "II")]
    [InlineData("Stadium IIIA nach UICC", "III")]
    [InlineData("AJCC stage IV", "IV")]
    public void Profile_StageInsideAText_IsReadAsText(string text, string group)
    {
        var profile = Extract(Observation("s", Lnc("21908-9"), Words(text)));

        Assert.Equal(group, profile.Stage);
        Assert.Contains(new Evidence($"stage:{group}", "Observation/s", Day0, Source: EvidenceSource.Text), profile.Evidence);
        Assert.Contains(profile.Warnings, w => w.StartsWith($"Observation/s: stage {group} read from free text, no code", StringComparison.Ordinal));
    }

    [Fact]
    public void Profile_WholeTextStage_IsMarkedAsText()
    {
        var profile = Extract(Observation("s", Lnc("21908-9"), Str("Stage IV")));

        Assert.Contains(profile.Evidence, e => e.Fact == "stage:IV" && e.Source == EvidenceSource.Text);
    }

    [Theory]
    [InlineData("ypT0 ypN0 – pathologische Komplettremission (pCR)")]
    [InlineData("G3")]
    public void Profile_TnmWithoutAStageGroup_IsNoStage(string text)
    {
        var profile = Extract(Observation("s", Lnc("21902-2"), Words(text)));

        Assert.Equal(ProfileValues.Unknown, profile.Stage);
        Assert.Contains(profile.Warnings, w => w.StartsWith("Observation/s: unrecognised stage group value", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ValueKind.String)]
    [InlineData(ValueKind.CodeableConcept)]
    public void Profile_ReceptorResultInWords_IsMarkedAsTextAndWarned(ValueKind kind)
    {
        var profile = Extract(Er(new ObservationValue { Kind = kind, Text = "Positive" }, "er"));

        Assert.Equal(ProfileValues.Positive, profile.Er);
        Assert.Contains(profile.Evidence, e => e.Fact == "er:positive" && e.Source == EvidenceSource.Text);
        Assert.Contains("Observation/er: result read from free text, no code", profile.Warnings);
    }

    [Fact]
    public void Profile_CodedReceptorResult_IsMarkedAsCode()
    {
        var profile = Extract(Er(Coded(Positive), "er"));

        Assert.Contains(profile.Evidence, e => e.Fact == "er:positive" && e.Source == EvidenceSource.Code);
    }

    [Fact]
    public void Profile_Her2ScoreInWords_IsMarkedAsText()
    {
        var profile = Extract(Her2Ihc(Str("IHC 3+"), "h"));

        Assert.Equal(ProfileValues.Positive, profile.Her2);
        Assert.Contains(profile.Evidence, e => e.Fact == "her2:positive" && e.Source == EvidenceSource.Text);
    }

    [Fact]
    public void Profile_NoteStatingIhc1Plus_IsWarnedAboutWithoutItsText()
    {
        var her2 = Observation("h", Lnc("48676-1"), Coded(Negative)) with { Note = "Immunhistochemie 1+ → HER2-negativ (Frau Muster)" };

        var profile = Extract(her2);

        Assert.Equal(ProfileValues.Negative, profile.Her2);
        var warning = Assert.Single(profile.Warnings, w => w.StartsWith("Observation/h: free text (a note)", StringComparison.Ordinal));
        Assert.Contains("an IHC score", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("Muster", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_ConditionTextSayingTripleNegative_IsWarnedAbout()
    {
        var primary = Condition("p", CodeSystems.Normalize("http://fhir.de/CodeSystem/bfarm/icd-10-gm", "C50.4")) with { Text = "Mammakarzinom links, triple-negativ" };

        var profile = Extract(primary);

        Assert.Contains("Condition/p: free text (its text) states triple-negative: not used, check the record", profile.Warnings);
        Assert.Equal(ProfileValues.Unknown, profile.Subtype);
    }

    [Theory]
    [InlineData("PD-L1 (22C3) CPS", "PD-L1")]
    [InlineData("HER2/neu IHC", "HER2")]
    [InlineData("Ki-67 index", "Ki-67")]
    [InlineData("Estrogen receptor status", "ER")]
    [InlineData("PR", "PR")]
    public void Profile_UnknownCodeNamingAMarker_IsWarnedAboutWithItsReference(string display, string marker)
    {
        var unknown = Observation("u", CodeSystems.Normalize("http://example.org/lab", "X1", display), Qty(15, null));

        var profile = Extract(unknown);

        Assert.Contains(profile.Warnings, w => w.StartsWith("Observation/u: test code not recognised (http://example.org/lab|X1)", StringComparison.Ordinal)
            && w.EndsWith($"its name says {marker}; its value is not used", StringComparison.Ordinal));
    }

    [Fact]
    public void Profile_Pdl1CpsUnderAnUnfamiliarSystemWithoutDisplay_IsNotSilent()
    {
        var unknown = Observation("u", CodeSystems.Normalize("http://example.org/lab", "X2"), Str("PD-L1 CPS 15"));

        var profile = Extract(unknown);

        Assert.Equal(ProfileValues.Unknown, profile.Pdl1);
        Assert.Contains(profile.Warnings, w => w.StartsWith("Observation/u: free text (its value text) states a PD-L1 result", StringComparison.Ordinal));
    }

    [Fact]
    public void Profile_ReportConclusionNamingReceptors_IsWarnedAbout()
    {
        var report = Report("r") with { Conclusion = "Invasive ductal carcinoma, ER positive (90%), PR negative, HER2 2+." };

        var profile = Extract(report);

        Assert.Contains(profile.Warnings, w => w.StartsWith("DiagnosticReport/r: free text (its conclusion) states a hormone receptor result, a HER2 result, an IHC score", StringComparison.Ordinal));
        Assert.Equal(ProfileValues.Unknown, profile.Er);
    }

    [Fact]
    public void Profile_PlainTextWithoutFacts_IsNotWarnedAbout()
    {
        var note = Er(Coded(Positive), "er") with { Note = "Sample received on time." };

        var profile = Extract(note);

        Assert.DoesNotContain(profile.Warnings, w => w.Contains("free text", StringComparison.Ordinal));
    }

    [Fact]
    public void Profile_StageSummaryInText_MarksTheStageNotThePrimary()
    {
        var primary = Condition("p", BreastCancer) with { Stages = [new StageRecord { SummaryText = "Stage IIIA" }] };

        var profile = Extract(primary);

        Assert.Contains(new Evidence("stage:III", "Condition/p", Day0, Source: EvidenceSource.Text), profile.Evidence);
        Assert.Contains(new Evidence("primary:breast", "Condition/p", Day0), profile.Evidence);
    }

    [Fact]
    public void Profile_MetastasisFromConditionTextOnly_IsMarkedAsText()
    {
        var worded = new ConditionRecord { Reference = "Condition/w", Text = "metastatic disease to the liver", Onset = Day0 };

        var profile = Extract(Condition("p", BreastCancer), worded);

        Assert.Contains(new Evidence("site:liver", "Condition/w", Day0, Source: EvidenceSource.Text), profile.Evidence);
        Assert.Contains(new Evidence("metastatic", "Condition/w", Day0, Source: EvidenceSource.Text), profile.Evidence);
    }

    [Fact]
    public void Profile_StageTextWithTnmCategories_NamesTheUnusedCategories()
    {
        var profile = Extract(Observation("s", Lnc("21908-9"), Words("cT2 cN1 cM0 – UICC IIB")));

        Assert.Contains("Observation/s: stage II read from free text, no code; it also states TNM categories, not used", profile.Warnings);
    }
}
