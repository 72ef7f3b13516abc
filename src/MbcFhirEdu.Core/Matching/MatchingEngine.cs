using System.Runtime.CompilerServices;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Core.Materials;

namespace MbcFhirEdu.Core.Matching;

/// <summary>
/// Profile + catalog + request → ordered recommendations with reasons (issue 3, "Matching engine"). Pure:
/// no I/O, no clock. A material is recommended when every <c>requires</c> fact holds and, if it has
/// <c>requires-any</c>, at least one of those does; materials with no requirements go to everyone.
/// Issue 13: a deceased patient gets nothing (rule 16); a complete record with no breast cancer diagnosis gets
/// nothing (rule 15); a profile that is not metastatic never gets a material gated on spread
/// (<see cref="MetastaticGate"/>), and the notes say what was held back; a partial record
/// (<see cref="MatchRequest.MissingParts"/>) gets what the loaded parts support plus the universal warning-signs
/// material, and the notes name the missing parts instead of reading the gap as "not recorded".
/// Order: <see cref="RecommendationGroup"/> (urgent, site, biomarker/treatment, general), the universal
/// <c>urgent:any-metastatic</c> material first within its group, then priority, then id (ordinal), so the
/// result does not depend on catalog order.
/// </summary>
public static class MatchingEngine
{
    /// <exception cref="ArgumentException">The patient audience has a hold policy but no <see cref="MatchPolicy.Today"/>.</exception>
    public static RecommendationSet Recommend(ClinicalProfile profile, MaterialCatalog catalog, MatchRequest request)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(request);
        var notes = new List<string>();
        var language = Language(request.Language, notes);
        var audience = request.Audience;
        // Clinicians see the warnings that matter first, whatever else is decided below (issue 13 item 1).
        if (audience == Audience.Clinician) notes.AddRange(WarningDigest.Notes(profile.Warnings, language));
        // CODES.md rule 16: nothing for a patient who has died, for any reader; said once, with respect.
        if (profile.Deceased)
        {
            return new RecommendationSet(profile.Patient, language, [], [.. notes, MatchNotes.Deceased(language, audience)]);
        }
        var partial = request.MissingParts.Count > 0;
        // CODES.md rule 15: no breast cancer in a record that loaded in full → nothing about metastatic breast cancer.
        // In a partial record the diagnosis may sit in the part that did not load, so nothing is concluded from it.
        if (profile.BreastCancer == ProfileValues.NotFound && !partial)
        {
            return new RecommendationSet(profile.Patient, language, [], [.. notes, MatchNotes.NoBreastCancer(language, audience)]);
        }
        var facts = ProfileFacts.From(profile, request.Sex, partial);
        if (audience == Audience.Patient)
        {
            facts = facts.ForPatient(request.Policy, out var held);
            if (held.Count > 0)
            {
                notes.Add(MatchNotes.Held(language));
            }
        }
        // The library covers metastatic disease; without spread, what was written for it is held back.
        var metastatic = ProfileFacts.IsMetastatic(profile);
        var items = new List<Recommendation>();
        var heldWithoutSpread = new List<string>();
        // Many materials share a fact (every site material of the liver cites the same liver fact): its sentence is
        // written once per call. The facts belong to this call, so nothing outlives it.
        var reasons = new Dictionary<ProfileFact, string>(ReferenceEqualityComparer.Instance);
        string Reason(ProfileFact fact)
        {
            if (!reasons.TryGetValue(fact, out var sentence)) reasons[fact] = sentence = ReasonWriter.For(fact, language, audience);
            return sentence;
        }
        foreach (var id in catalog.Ids)
        {
            if (catalog.FindWithFallback(id, language) is not { } material)
            {
                continue;
            }
            if (!metastatic && MetastaticGate.HeldWithoutSpread(material))
            {
                if (OtherRequirementsHold(material, facts))
                {
                    heldWithoutSpread.Add(material.Id);
                }
                continue;
            }
            if (!material.Requires.All(facts.Holds) || (material.RequiresAny.Count > 0 && !material.RequiresAny.Any(facts.Holds)))
            {
                continue;
            }
            items.Add(Build(material, facts, language, Reason, request.IncludeEvidence ?? audience == Audience.Clinician));
        }
        if (partial)
        {
            // Never "your records do not show": the gap is named instead.
            notes.Add(MatchNotes.Partial(language, audience, request.MissingParts));
            if (profile.BreastCancer == ProfileValues.NotFound && audience == Audience.Clinician)
            {
                notes.Add(MatchNotes.NoBreastCancerInLoadedParts(language));
            }
        }
        else if (!metastatic)
        {
            notes.Add(MatchNotes.NotMetastatic(language, audience, profile.Stage, heldWithoutSpread));
        }
        if (items.Any(i => i.Fallback))
        {
            notes.Add(MatchNotes.Fallback(language));
        }
        // The universal warning-signs material leads its group whatever its priority (issue 13 item 8).
        var ordered = items
            .OrderBy(i => i.Group)
            .ThenBy(i => i.Topics.Contains(Tags.UrgentAnyMetastatic) ? 0 : 1)
            .ThenBy(i => i.Priority).ThenBy(i => i.MaterialId, StringComparer.Ordinal)
            .ToList();
        return new RecommendationSet(profile.Patient, language, ordered, notes);
    }

    /// <summary>
    /// Whether a material held back for want of spread would otherwise fit: every requirement holds except the facts
    /// every metastatic profile holds (<c>stage:iv</c>, <c>urgent:any-metastatic</c>). A site material for a site
    /// the record does not list was never going to fit, so it is not counted.
    /// </summary>
    private static bool OtherRequirementsHold(Material material, ProfileFacts facts)
    {
        bool Fits(string tag) => tag is Tags.StageIv or Tags.UrgentAnyMetastatic || facts.Holds(tag);
        return material.Requires.All(Fits) && (material.RequiresAny.Count == 0 || material.RequiresAny.Any(Fits));
    }

    /// <summary>The order group of a material (see <see cref="RecommendationGroup"/>).</summary>
    public static RecommendationGroup GroupOf(Material material) =>
        Groups.GetValue(material, m => new StrongBox<RecommendationGroup>(ComputeGroup(m))).Value;

    // A material's group depends on that material alone, and materials are immutable records: worked out once per
    // material instance instead of on every call. A changed catalog brings new instances (weakly held, so old ones go).
    private static readonly ConditionalWeakTable<Material, StrongBox<RecommendationGroup>> Groups = new();

    private static RecommendationGroup ComputeGroup(Material material)
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

    private static Recommendation Build(Material material, ProfileFacts facts, string language, Func<ProfileFact, string> reason, bool includeEvidence)
    {
        var satisfied = material.Requires.Concat(material.RequiresAny.Where(facts.Holds))
            .Distinct()
            .Select(facts.Get)
            .OfType<ProfileFact>()
            .ToList();
        // stage:iv and urgent:any-metastatic beside another requirement only gate the material on spread; the other
        // requirement says why it was chosen, so the gate adds no sentence of its own.
        var explaining = satisfied.Where(f => f.Tag is not (Tags.StageIv or Tags.UrgentAnyMetastatic)).ToList();
        var reasons = satisfied.Count == 0
            ? [ReasonWriter.General(language)]
            : (explaining.Count > 0 ? explaining : satisfied).Select(reason).Distinct().ToList();
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
