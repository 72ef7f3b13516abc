using MbcFhirEdu.Core.Clinical;

namespace MbcFhirEdu.Core.Tests.Population;

/// <summary>
/// <see cref="ObservationRouting"/>: the extractor's one test of which Observations it reads, which population mode also
/// asks of staged lines before parsing them.
/// </summary>
public sealed class ObservationRoutingTests
{
    private static readonly Code Glucose = new(CodeSystems.Loinc, "2345-7", "Glucose [Moles/volume] in Serum or Plasma");
    private static readonly Code ErLoinc = new(CodeSystems.Loinc, "16112-5", "Estrogen receptor [Interpretation] in Tissue");
    private static readonly Code Local = new("urn:local", "X1");

    [Fact]
    public void A_routine_lab_with_a_number_is_not_read() =>
        Assert.False(ObservationRouting.MayMatter([Glucose], "Glucose", [], hasNote: false, hasValueText: false));

    [Fact]
    public void A_marker_code_is_read() =>
        Assert.True(ObservationRouting.MayMatter([Glucose, ErLoinc], null, [], hasNote: false, hasValueText: false));

    [Fact]
    public void A_component_with_a_marker_code_is_read() =>
        Assert.True(ObservationRouting.MayMatter([Local], null, [new ComponentRecord { Codes = [ErLoinc] }], hasNote: false, hasValueText: false));

    [Theory]
    [InlineData("ER status")]
    [InlineData("PD-L1 22C3 TPS")]
    [InlineData("HER2 by IHC")]
    public void An_unknown_code_named_as_a_marker_is_read_for_rule_19(string text)
    {
        Assert.True(ObservationRouting.MayMatter([Local], text, [], hasNote: false, hasValueText: false));
        Assert.True(ObservationRouting.MayMatter([Local with { Display = text }], null, [], hasNote: false, hasValueText: false));
        Assert.True(ObservationRouting.MayMatter([Local], null, [new ComponentRecord { Codes = [], CodeText = text }], hasNote: false, hasValueText: false));
    }

    [Fact]
    public void A_note_or_a_value_text_is_read_for_rule_19()
    {
        Assert.True(ObservationRouting.MayMatter([Glucose], null, [], hasNote: true, hasValueText: false));
        Assert.True(ObservationRouting.MayMatter([Glucose], null, [], hasNote: false, hasValueText: true));
    }

    [Fact]
    public void The_extractor_reads_an_unknown_code_named_as_a_marker_and_warns()
    {
        var observation = new ObservationRecord { Reference = "Observation/o1", Codes = [Local], CodeText = "ER status", Status = "final" };
        Assert.True(ObservationRouting.MayMatter(observation));
        var profile = ProfileExtractor.Extract(new PatientData { Patient = new PatientRecord { Reference = "Patient/p1" }, Observations = [observation] });
        Assert.Contains(profile.Warnings, w => w.StartsWith("Observation/o1: test code not recognised", StringComparison.Ordinal));
    }
}
