namespace MbcFhirEdu.Core.Clinical;

/// <summary>A DiagnosticReport in neutral form; conclusionCode may carry a site of metastasis.</summary>
public sealed record ReportRecord
{
    public required string Reference { get; init; }
    public IReadOnlyList<Code> Codes { get; init; } = [];
    public string? Status { get; init; }
    /// <summary>DiagnosticReport.category codes (e.g. v2-0074 RAD/PAT, LOINC imaging/pathology).</summary>
    public IReadOnlyList<Code> Categories { get; init; } = [];
    public DateOnly? Effective { get; init; }
    public DateOnly? Issued { get; init; }
    public IReadOnlyList<Code> ConclusionCodes { get; init; } = [];
    public string? Conclusion { get; init; }
}
