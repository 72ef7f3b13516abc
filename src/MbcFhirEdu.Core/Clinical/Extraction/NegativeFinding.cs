namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// A record that says there is no distant spread (CODES.md rule 17): "None" as a site of metastasis, M0, or no
/// history of metastatic cancer. Negative evidence: confirmed spread wins whatever its date, and the disagreement
/// is warned about.
/// </summary>
internal sealed record NegativeFinding(string Reference, DateOnly? Date, string What);
