namespace MbcFhirEdu.Core.Clinical.Codes;

/// <summary>
/// Coded result values, CODES.md "Values arrive as …": LOINC answers, SNOMED qualifiers and findings,
/// HER2 IHC score answers (LL4396-9) and v3 ObservationInterpretation codes.
/// </summary>
public static class AnswerCodes
{
    private const string Sct = CodeSystems.Snomed;
    private const string Lnc = CodeSystems.Loinc;

    public const string Positive = "positive";
    public const string Negative = "negative";
    public const string Equivocal = "equivocal";
    public const string NotTested = "not-tested";
    public const string Present = "present";
    public const string Absent = "absent";
    public const string High = "high";
    public const string LowRange = "low-range";
    public const string Ihc0 = "ihc-0";
    public const string Ihc1 = "ihc-1+";
    public const string Ihc2 = "ihc-2+";
    public const string Ihc3 = "ihc-3+";

    public static readonly CodeTable Values = new(
    [
        new(Lnc, "LA6576-8", Positive, "Positive"),
        new(Lnc, "LA6577-6", Negative, "Negative"),
        new(Lnc, "LA11884-6", Equivocal, "Indeterminate"),
        new(Lnc, "LA13538-6", NotTested, "Not tested"),
        new(Lnc, "LA9633-4", Present, "Present"),
        new(Lnc, "LA9634-2", Absent, "Absent"),
        new(Lnc, "LA6111-4", Ihc0, "0"),
        new(Lnc, "LA11841-6", Ihc1, "1+"),
        new(Lnc, "LA11842-4", Ihc2, "2+"),
        new(Lnc, "LA11843-2", Ihc3, "3+"),
        new(Sct, "10828004", Positive, "Positive"),
        new(Sct, "260385009", Negative, "Negative"),
        new(Sct, "280414007", Equivocal, "Equivocal"),
        new(Sct, "82334004", Equivocal, "Indeterminate"),
        // (check) confirmed in several receptor-status ValueSets.
        new(Sct, "416053008", Positive, "Estrogen receptor positive tumor"),
        new(Sct, "427685000", Positive, "HER2 positive carcinoma of breast"),
        new(Sct, "431396003", Negative, "HER2 negative carcinoma of breast"),
    ]);

    /// <summary>
    /// Observation.interpretation. H/L are kept apart from POS/NEG: they only decide where a high/low
    /// reading means something (PD-L1 expression, an ISH ratio); see the readers.
    /// </summary>
    public static readonly CodeTable Interpretations = new(
    [
        new(CodeSystems.V3Interpretation, "POS", Positive, "Positive"),
        new(CodeSystems.V3Interpretation, "NEG", Negative, "Negative"),
        new(CodeSystems.V3Interpretation, "IND", Equivocal, "Indeterminate"),
        new(CodeSystems.V3Interpretation, "DET", Present, "Detected"),
        new(CodeSystems.V3Interpretation, "ND", Absent, "Not detected"),
        new(CodeSystems.V3Interpretation, "H", High, "High"),
        new(CodeSystems.V3Interpretation, "L", LowRange, "Low"),
    ]);

    /// <summary>
    /// The interpretation meaning of a code. Real data writes the interpretation system wrongly (the
    /// ValueSet URL, or nothing), so a known v3 code under such a system is accepted too.
    /// </summary>
    public static string? Interpretation(Code code)
    {
        if (Interpretations.Find(code) is { } exact) return exact;
        var lenient = code.System.Length == 0 || code.System.Contains("observation-interpretation", StringComparison.OrdinalIgnoreCase)
            || code.System.Contains("ObservationInterpretation", StringComparison.Ordinal);
        return lenient ? Interpretations.Find(code with { System = CodeSystems.V3Interpretation, Display = null }) : null;
    }
}
