using MbcFhirEdu.Core.Materials;

namespace MbcFhirEdu.Core.Tests.Matching;

/// <summary>A small in-memory catalog mirroring the real library's ids, requirements and priorities.</summary>
public static class SyntheticCatalog
{
    /// <summary>Ids that also have a Spanish version.</summary>
    public static readonly string[] Translated =
    [
        "bone-emergency-signs", "bone-metastases", "liver-metastases", "hr-positive", "her2-positive", "her2-low",
        "triple-negative", "understanding-your-results", "what-is-metastatic-breast-cancer", "treatment-goals",
        "receptor-results-explained", "coping-and-support", "talking-with-your-care-team",
    ];

    public static IReadOnlyList<Material> English { get; } =
    [
        M("bone-emergency-signs", 5, ["site:bone"], urgent: true),
        M("brain-emergency-signs", 5, ["site:brain"], urgent: true),
        M("bone-metastases", 20, ["site:bone"]),
        M("bone-strengthening-medicines", 25, ["site:bone"]),
        M("brain-metastases", 20, ["site:brain"]),
        M("liver-metastases", 20, ["site:liver"]),
        M("lung-metastases", 20, ["site:lung"]),
        M("pleural-effusion", 21, ["site:pleura"]),
        M("leptomeningeal-metastases", 22, ["site:leptomeninges"]),
        M("lymph-node-metastases", 30, ["site:lymph-nodes"]),
        M("skin-metastases", 30, ["site:skin"]),
        M("less-common-sites", 35, [], any: ["site:adrenal", "site:ovary", "site:peritoneum", "site:eye", "site:spinal-cord", "site:contralateral-breast"]),
        M("hr-positive", 20, ["biomarker:hr-positive"]),
        M("her2-positive", 20, ["biomarker:her2-positive"]),
        M("her2-low", 22, ["biomarker:her2-low"]),
        M("triple-negative", 20, ["biomarker:triple-negative"]),
        M("receptor-status-changed", 24, ["biomarker:receptor-change"]),
        M("understanding-your-results", 15, ["biomarker:unknown"]),
        M("variant-pik3ca", 30, ["variant:PIK3CA"]),
        M("variant-esr1", 30, ["variant:ESR1"]),
        M("variant-akt1-pten", 30, [], any: ["variant:AKT1", "variant:PTEN"]),
        M("variant-brca", 30, [], any: ["variant:BRCA1", "variant:BRCA2"]),
        M("de-novo-metastatic-breast-cancer", 12, ["recurrence:de-novo"]),
        M("distant-recurrence", 12, ["recurrence:distant-recurrence"]),
        M("what-is-metastatic-breast-cancer", 10, ["stage:iv"], topics: ["general", "stage:iv"]),
        M("stage-iv-explained", 15, ["stage:iv"]),
        M("treatment-goals", 30, ["stage:iv"]),
        M("men-with-breast-cancer", 55, ["sex:male"]),
        M("receptor-results-explained", 20, [], topics: ["general"]),
        M("clinical-trials", 60, [], topics: ["general"]),
        M("talking-with-your-care-team", 65, [], topics: ["general"]),
        M("coping-and-support", 70, [], topics: ["general"]),
    ];

    public static IReadOnlyList<Material> All { get; } =
        [.. English, .. English.Where(m => Translated.Contains(m.Id)).Select(m => m with { Language = "es", Title = "ES " + m.Title, Path = $"es/{m.Id}.md" })];

    public static MaterialCatalog Catalog { get; } = new(All);

    private static Material M(string id, int priority, string[] requires, bool urgent = false, string[]? any = null, string[]? topics = null) => new()
    {
        Id = id,
        Language = "en",
        Title = "Title of " + id,
        Summary = "Summary of " + id,
        Topics = topics ?? [.. requires, .. any ?? []],
        Requires = requires,
        RequiresAny = any ?? [],
        Priority = priority,
        Urgent = urgent,
        Path = $"en/{id}.md",
    };
}
