using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Core.Materials;

namespace MbcFhirEdu.Core.Matching;

/// <summary>
/// Profile + catalog + request → ordered recommendations with reasons (issue 3, "Matching engine"). Pure:
/// no I/O, no clock. A material is recommended when every <c>requires</c> fact holds and, if it has
/// <c>requires-any</c>, at least one of those does; materials with no requirements go to everyone.
/// Order: <see cref="RecommendationGroup"/> (urgent, site, biomarker/treatment, general), then priority, then
/// id (ordinal), so the result does not depend on catalog order.
/// </summary>
public static class MatchingEngine
{
    private static readonly string[] MetastaticFamilies = ["site", "recurrence", "stage"];

    /// <exception cref="ArgumentException">The patient audience has a hold policy but no <see cref="MatchPolicy.Today"/>.</exception>
    public static RecommendationSet Recommend(ClinicalProfile profile, MaterialCatalog catalog, MatchRequest request)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(request);
        var notes = new List<string>();
        var language = Language(request.Language, notes);
        var facts = ProfileFacts.From(profile, request.Sex);
        if (request.Audience == Audience.Patient)
        {
            facts = facts.ForPatient(request.Policy, out var held);
            if (held.Count > 0)
            {
                notes.Add(MatchNotes.Held(language));
            }
        }
        // The library covers metastatic disease; without it only materials not tied to spread apply.
        var metastatic = profile.Metastatic || profile.Stage == "IV";
        if (!metastatic)
        {
            notes.Add(MatchNotes.NotMetastatic(language));
        }
        var items = new List<Recommendation>();
        foreach (var id in catalog.Ids)
        {
            if (catalog.FindWithFallback(id, language) is not { } material
                || (!metastatic && material.AllRequirements.Any(t => MetastaticFamilies.Contains(Tags.Family(t))))
                || !material.Requires.All(facts.Holds)
                || (material.RequiresAny.Count > 0 && !material.RequiresAny.Any(facts.Holds)))
            {
                continue;
            }
            items.Add(Build(material, facts, language, request.Audience, request.IncludeEvidence ?? request.Audience == Audience.Clinician));
        }
        if (items.Any(i => i.Fallback))
        {
            notes.Add(MatchNotes.Fallback(language));
        }
        var ordered = items
            .OrderBy(i => i.Group).ThenBy(i => i.Priority).ThenBy(i => i.MaterialId, StringComparer.Ordinal)
            .ToList();
        return new RecommendationSet(profile.Patient, language, ordered, notes);
    }

    /// <summary>The order group of a material (see <see cref="RecommendationGroup"/>).</summary>
    public static RecommendationGroup GroupOf(Material material)
    {
        var families = material.AllRequirements.Select(Tags.Family).ToHashSet();
        if (material.Urgent)
        {
            return RecommendationGroup.Urgent;
        }
        if (families.Contains("site"))
        {
            return RecommendationGroup.Site;
        }
        if (families.Overlaps(["biomarker", "variant", "recurrence"])
            || (families.Contains("stage") && !material.Topics.Contains(Tags.General)))
        {
            return RecommendationGroup.Biomarker;
        }
        return RecommendationGroup.General;
    }

    private static Recommendation Build(Material material, ProfileFacts facts, string language, Audience audience, bool includeEvidence)
    {
        var satisfied = material.Requires.Concat(material.RequiresAny.Where(facts.Holds))
            .Distinct()
            .Select(facts.Get)
            .OfType<ProfileFact>()
            .ToList();
        var reasons = satisfied.Count == 0
            ? [ReasonWriter.General(language)]
            : satisfied.Select(f => ReasonWriter.For(f, language, audience)).Distinct().ToList();
        IReadOnlyList<Evidence> evidence = includeEvidence
            ? [.. satisfied.SelectMany(f => f.Evidence).Distinct()]
            : [];
        return new Recommendation
        {
            MaterialId = material.Id,
            Title = material.Title,
            Summary = material.Summary,
            Topics = material.Topics,
            Urgent = material.Urgent,
            Group = GroupOf(material),
            Priority = material.Priority,
            Language = material.Language,
            Fallback = material.Language != language,
            Reasons = reasons,
            Evidence = evidence,
        };
    }

    /// <summary>"es-MX" → "es"; languages without materials fall back to English with a note.</summary>
    private static string Language(string requested, List<string> notes)
    {
        var code = (requested ?? "").Trim();
        code = code.Length >= 2 ? code[..2].ToLowerInvariant() : code.ToLowerInvariant();
        if (code is MaterialCatalog.English or MaterialCatalog.Spanish)
        {
            return code;
        }
        notes.Add(MatchNotes.UnsupportedLanguage(requested ?? ""));
        return MaterialCatalog.English;
    }
}
