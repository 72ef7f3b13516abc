using MbcFhirEdu.Core.Clinical;

namespace MbcFhirEdu.Core.Matching;

/// <summary>The order groups, first to last.</summary>
public enum RecommendationGroup
{
    /// <summary>Red-flag guidance (<c>urgent: true</c>).</summary>
    Urgent,
    /// <summary>Materials that require a <c>site:</c> fact.</summary>
    Site,
    /// <summary>Biomarker, variant, recurrence and treatment materials (requirements in those families or <c>stage:iv</c>, not tagged <c>general</c>).</summary>
    Biomarker,
    /// <summary>Everything else: no requirements, topics tagged <c>general</c>, <c>sex:male</c>.</summary>
    General,
}

/// <summary>One recommended material and why.</summary>
public sealed record Recommendation
{
    public required string MaterialId { get; init; }
    public required string Title { get; init; }
    public required string Summary { get; init; }
    public IReadOnlyList<string> Topics { get; init; } = [];
    public bool Urgent { get; init; }
    public RecommendationGroup Group { get; init; }
    public int Priority { get; init; }
    /// <summary>The language of the material served.</summary>
    public required string Language { get; init; }
    /// <summary>True when another language was asked for and only the English original exists.</summary>
    public bool Fallback { get; init; }
    /// <summary>Plain sentences in the requested language, one per satisfied requirement (or a general reason).</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];
    /// <summary>The evidence behind the reasons; clinician audience only, empty for the patient.</summary>
    public IReadOnlyList<Evidence> Evidence { get; init; } = [];
}

/// <summary>The recommendations for one patient, in display order, with notes for the reader (localised).</summary>
public sealed record RecommendationSet(string Patient, string Language, IReadOnlyList<Recommendation> Items, IReadOnlyList<string> Notes);
