namespace MbcFhirEdu.Core.Materials;

/// <summary>The body sections of the content README ("Body sections"), in their required order.</summary>
public static class Sections
{
    public static readonly IReadOnlyList<Section> All =
    [
        new("What it is", "Qué es", SectionRequirement.EveryMaterial),
        new("What you may notice", "Lo que puede notar", SectionRequirement.SiteBiomarkerVariant),
        new("When to call your care team right away", "Cuándo llamar a su equipo de atención de inmediato", SectionRequirement.SiteBiomarkerVariantUrgent),
        new("Questions to ask", "Preguntas para hacer", SectionRequirement.EveryMaterial),
        new("Where to learn more", "Dónde obtener más información", SectionRequirement.EveryMaterial),
    ];
}
