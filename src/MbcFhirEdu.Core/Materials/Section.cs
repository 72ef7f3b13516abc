namespace MbcFhirEdu.Core.Materials;

/// <summary>Which materials must carry a section (the "required for" column of the content README table).</summary>
public enum SectionRequirement
{
    EveryMaterial,
    SiteBiomarkerVariant,
    SiteBiomarkerVariantUrgent,
}

/// <summary>One body section: its exact level-2 heading in English and Spanish and who must have it.</summary>
public sealed record Section(string English, string Spanish, SectionRequirement RequiredFor)
{
    public string Heading(string language) => language == MaterialCatalog.Spanish ? Spanish : English;

    /// <summary>Whether <paramref name="material"/> must carry this section (by its topics and urgent flag).</summary>
    public bool IsRequiredFor(Material material)
    {
        var specific = material.Topics.Any(t => Tags.Family(t) is "site" or "biomarker" or "variant");
        return RequiredFor switch
        {
            SectionRequirement.EveryMaterial => true,
            SectionRequirement.SiteBiomarkerVariant => specific,
            _ => specific || material.Urgent,
        };
    }
}
