using MbcFhirEdu.Core.Materials;

namespace MbcFhirEdu.Core.Matching;

/// <summary>
/// Which materials are written for cancer that has spread (issue 13 item 3). A material is gated when one of its
/// requirements is a fact only a metastatic profile holds: a <c>site:</c>, <c>recurrence:</c> or <c>stage:</c> fact,
/// or <c>urgent:any-metastatic</c> (which a partial record holds too). The engine holds the first three families
/// back from a profile that is not metastatic, even when the fact holds (axillary nodes are a site but not spread);
/// <c>mbcedu content check</c> requires the gate on every material whose text says the cancer has spread.
/// </summary>
public static class MetastaticGate
{
    /// <summary>Requirement families the engine holds back from a profile that is not metastatic.</summary>
    public static readonly IReadOnlyList<string> Families = ["site", "recurrence", "stage"];

    /// <summary>Whether the engine holds <paramref name="material"/> back from a profile that is not metastatic.</summary>
    public static bool HeldWithoutSpread(Material material)
    {
        ArgumentNullException.ThrowIfNull(material);
        return material.AllRequirements.Any(t => Families.Contains(Tags.Family(t)));
    }

    /// <summary>Whether a requirement gates on spread (or on a partial record, for the universal urgent material).</summary>
    public static bool IsGate(string tag) => Families.Contains(Tags.Family(tag)) || tag == Tags.UrgentAnyMetastatic;

    /// <summary>Whether <paramref name="material"/> goes only to metastatic profiles (and, for the universal urgent material, partial records).</summary>
    public static bool IsGated(Material material)
    {
        ArgumentNullException.ThrowIfNull(material);
        return material.AllRequirements.Any(IsGate);
    }
}
