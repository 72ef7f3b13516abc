using MbcFhirEdu.Core.Materials;

namespace MbcFhirEdu.Core.Tests.Matching;

/// <summary>
/// An in-memory library shaped like the one issue 13 asks for: the universal warning-signs material, site urgent
/// pages, an ER-low page beside the HR-positive one, materials gated on spread with <c>stage:iv</c>, and materials
/// for any stage. English and Spanish.
/// </summary>
public static class SafetyCatalog
{
    public static IReadOnlyList<Material> English { get; } =
    [
        // A high priority number on purpose: the universal material still leads the urgent group.
        M("signs-that-need-help-now", 9, ["urgent:any-metastatic"], urgent: true),
        M("bone-emergency-signs", 5, ["site:bone"], urgent: true),
        M("brain-emergency-signs", 5, ["site:brain"], urgent: true),
        M("bone-metastases", 20, ["site:bone"]),
        M("lymph-node-metastases", 30, ["site:lymph-nodes"]),
        M("er-low", 19, ["biomarker:er-low", "stage:iv"], topics: ["biomarker:er-low"]),
        M("hr-positive", 20, ["biomarker:hr-positive", "stage:iv"], topics: ["biomarker:hr-positive"]),
        M("her2-low", 22, ["biomarker:her2-low"]),
        M("what-is-metastatic-breast-cancer", 10, ["stage:iv"], topics: ["general", "stage:iv"]),
        M("coping-and-support", 70, ["stage:iv"], topics: ["general"]),
        M("talking-with-your-care-team", 65, [], topics: ["general"]),
    ];

    public static MaterialCatalog Catalog { get; } = new(
        [.. English, .. English.Select(m => m with { Language = "es", Title = "ES " + m.Title, Path = $"es/{m.Id}.md" })]);

    private static Material M(string id, int priority, string[] requires, bool urgent = false, string[]? topics = null) => new()
    {
        Id = id,
        Language = "en",
        Title = "Title of " + id,
        Summary = "Summary of " + id,
        Topics = topics ?? requires,
        Requires = requires,
        Priority = priority,
        Urgent = urgent,
        Path = $"en/{id}.md",
    };
}
