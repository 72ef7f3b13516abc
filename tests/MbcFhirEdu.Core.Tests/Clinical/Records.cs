using MbcFhirEdu.Core.Clinical;

namespace MbcFhirEdu.Core.Tests.Clinical;

/// <summary>Small builders for neutral records; each test makes its own data.</summary>
internal static class Records
{
    public static readonly DateOnly Day0 = new(2024, 1, 15);

    public static Code Sct(string code, string? display = null) => CodeSystems.Normalize(CodeSystems.Snomed, code, display);
    public static Code Lnc(string code, string? display = null) => CodeSystems.Normalize(CodeSystems.Loinc, code, display);
    public static Code IcdCm(string code) => CodeSystems.Normalize(CodeSystems.Icd10Cm, code);
    public static Code IcdO3(string code) => CodeSystems.Normalize(CodeSystems.IcdO3, code);
    public static Code Hgnc(string code, string? display = null) => CodeSystems.Normalize(CodeSystems.Hgnc, code, display);
    public static Code Interp(string code) => CodeSystems.Normalize(CodeSystems.V3Interpretation, code);
    public static Code Staging(string code) => CodeSystems.Normalize(CodeSystems.CancerStaging, code);

    public static ConditionRecord Condition(string id, params Code[] codes) =>
        new() { Reference = $"Condition/{id}", Codes = codes, Onset = Day0 };

    public static ObservationRecord Observation(string id, Code code, ObservationValue? value, DateOnly? date = null, string? status = "final") =>
        new() { Reference = $"Observation/{id}", Codes = [code], Value = value, Effective = date ?? Day0, Status = status };

    public static ReportRecord Report(string id, params Code[] conclusion) =>
        new() { Reference = $"DiagnosticReport/{id}", ConclusionCodes = conclusion, Status = "final", Effective = Day0 };

    public static ObservationValue Coded(params Code[] codes) => new() { Kind = ValueKind.CodeableConcept, Codes = codes };
    public static ObservationValue Words(string text) => new() { Kind = ValueKind.CodeableConcept, Text = text };
    public static ObservationValue Str(string text) => new() { Kind = ValueKind.String, Text = text };
    public static ObservationValue Qty(decimal n, string? unit = "%", string? comparator = null) =>
        new() { Kind = ValueKind.Quantity, Number = n, Unit = unit, Comparator = comparator };
    public static ObservationValue Int(int n) => new() { Kind = ValueKind.Integer, Number = n };
    public static ObservationValue Ratio(decimal numerator, decimal denominator) =>
        new() { Kind = ValueKind.Ratio, Numerator = numerator, Denominator = denominator };
    public static ObservationValue Bool(bool b) => new() { Kind = ValueKind.Boolean, Boolean = b };

    public static readonly Code Positive = Lnc("LA6576-8");
    public static readonly Code Negative = Lnc("LA6577-6");
    public static readonly Code BreastCancer = Sct("254837009");

    public static PatientData Patient(params object[] records) => new()
    {
        Patient = records.OfType<PatientRecord>().FirstOrDefault() ?? new PatientRecord { Reference = "Patient/p1" },
        Conditions = [.. records.OfType<ConditionRecord>()],
        Observations = [.. records.OfType<ObservationRecord>()],
        Reports = [.. records.OfType<ReportRecord>()],
        ReadWarnings = [.. records.OfType<string>()],
    };

    public static ClinicalProfile Extract(params object[] records) => ProfileExtractor.Extract(Patient(records));

    /// <summary>Rule 15's warning when no breast cancer diagnosis is found (every chart without one carries it).</summary>
    public static bool IsNotFoundWarning(string warning) => warning.Contains("no breast cancer diagnosis found", StringComparison.Ordinal);

    /// <summary>The warnings other than rule 15's not-found warning: for tests about something else.</summary>
    public static IReadOnlyList<string> OtherWarnings(ClinicalProfile profile) => [.. profile.Warnings.Where(w => !IsNotFoundWarning(w))];

    /// <summary>Rule 17's one warning when records of spread and of no spread disagree.</summary>
    public const string DisagreementWarning = "records of distant spread and of no distant spread disagree";

    /// <summary>ER, PR and HER2 Observations in one go, for subtype tests.</summary>
    public static ObservationRecord Er(ObservationValue value, string id = "er", DateOnly? date = null) => Observation(id, Lnc("85337-4"), value, date);
    public static ObservationRecord Pr(ObservationValue value, string id = "pr", DateOnly? date = null) => Observation(id, Lnc("85339-0"), value, date);
    public static ObservationRecord Her2Ihc(ObservationValue value, string id = "her2", DateOnly? date = null) => Observation(id, Lnc("85319-2"), value, date);
    public static ObservationRecord Her2Ish(ObservationValue value, string id = "ish", DateOnly? date = null) => Observation(id, Lnc("85318-4"), value, date);
}
