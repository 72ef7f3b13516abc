using MbcFhirEdu.Core.Clinical;

namespace MbcFhirEdu.Core.Matching;

/// <summary>
/// A fact about the patient in the vocabulary of material tags (<c>site:bone</c>, <c>biomarker:her2-low</c>…),
/// with the profile evidence that supports it. <see cref="Detail"/> carries what the reason sentence needs
/// beyond the tag (e.g. "HER2" for <c>biomarker:unknown</c>, "ultralow" for <c>biomarker:her2-low</c>).
/// </summary>
public sealed record ProfileFact(string Tag, IReadOnlyList<Evidence> Evidence, string? Detail = null);
