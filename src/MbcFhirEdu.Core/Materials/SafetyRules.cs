using MbcFhirEdu.Core.Matching;

namespace MbcFhirEdu.Core.Materials;

/// <summary>
/// The clinical-safety rules of issue 13 that <c>mbcedu content check</c> enforces on every material: the fever rule
/// (<see cref="FeverRule"/>), the spread gate (a material whose title, summary or body says the cancer has spread
/// must require a fact only a metastatic profile holds, <see cref="MetastaticGate"/>), and the shape of the universal
/// warning-signs material (which must be approved: Production shows nothing else). The checker runs
/// <see cref="UrgentCoverage"/> across the materials that can be shown.
/// </summary>
internal static class SafetyRules
{
    public static IEnumerable<ContentProblem> Check(IReadOnlyList<Material> materials, Func<Material, string, int?> lineOf)
    {
        foreach (var material in materials)
        {
            foreach (var problem in FeverRule.Check(material, lineOf).Concat(Gate(material, lineOf)).Concat(Universal(material, lineOf)))
            {
                yield return problem;
            }
        }
    }

    /// <summary>Issue 13 item 3: no material that says the cancer has spread reaches a profile without spread.</summary>
    private static IEnumerable<ContentProblem> Gate(Material material, Func<Material, string, int?> lineOf)
    {
        if (MetastaticGate.IsGated(material))
        {
            yield break;
        }
        if (FirstSpreadWording(material, lineOf) is not { } found)
        {
            yield break;
        }
        var where = found.Line is { } line ? $"line {line}" : found.Part;
        yield return new(material.Path, "requires",
            $"says the cancer has spread (\"{found.Phrase}\", {where}) but is offered to profiles without spread: add {Tags.StageIv} to requires " +
            "(every metastatic profile holds it), or reword the text so it fits any stage", lineOf(material, "requires"));
    }

    private static (string Phrase, string Part, int? Line)? FirstSpreadWording(Material material, Func<Material, string, int?> lineOf)
    {
        if (SpreadWording.Find(material.Title) is { } inTitle)
        {
            return (inTitle, "title", lineOf(material, "title"));
        }
        if (SpreadWording.Find(material.Summary) is { } inSummary)
        {
            return (inSummary, "summary", lineOf(material, "summary"));
        }
        var body = material.Body.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < body.Length; i++)
        {
            if (SpreadWording.Find(body[i]) is { } inBody)
            {
                return (inBody, "body", material.BodyLine + i);
            }
        }
        return null;
    }

    /// <summary>The universal warning-signs material is red-flag guidance and requires its own fact.</summary>
    private static IEnumerable<ContentProblem> Universal(Material material, Func<Material, string, int?> lineOf)
    {
        if (!material.Topics.Contains(Tags.UrgentAnyMetastatic) && !material.AllRequirements.Contains(Tags.UrgentAnyMetastatic))
        {
            yield break;
        }
        if (!material.Urgent)
        {
            yield return new(material.Path, "urgent", $"a material tagged {Tags.UrgentAnyMetastatic} is red-flag guidance: set urgent: true", lineOf(material, "urgent"));
        }
        if (material.Status != MaterialStatus.Approved)
        {
            yield return new(material.Path, "status", "the universal warning-signs material must be approved: Production shows only approved materials", lineOf(material, "status"));
        }
        if (!material.Topics.Contains(Tags.UrgentAnyMetastatic))
        {
            yield return new(material.Path, "topics", $"requires {Tags.UrgentAnyMetastatic}, so its topics must list it too", lineOf(material, "topics"));
        }
        if (!material.Requires.SequenceEqual([Tags.UrgentAnyMetastatic]) || material.RequiresAny.Count > 0)
        {
            yield return new(material.Path, "requires",
                $"the universal warning-signs material requires [{Tags.UrgentAnyMetastatic}] and nothing else, so every metastatic profile and every partial record gets it",
                lineOf(material, "requires"));
        }
    }
}
