using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Core.Materials;
using static MbcFhirEdu.Core.Clinical.ProfileValues;

namespace MbcFhirEdu.Core.Matching;

/// <summary>
/// The facts a profile establishes, named by the material tags of the content README, each with its evidence.
/// Facts come from the profile's main fields (which the extractor fills from confirmed findings only);
/// the evidence list only explains them.
/// </summary>
public sealed class ProfileFacts
{
    private readonly SortedDictionary<string, ProfileFact> facts = new(StringComparer.Ordinal);

    private ProfileFacts(IEnumerable<ProfileFact> all)
    {
        foreach (var fact in all)
        {
            facts[fact.Tag] = fact;
        }
    }

    /// <summary><see cref="ProfileFact.Detail"/> of <c>urgent:any-metastatic</c> when only a partial record grounds it.</summary>
    public const string PartialRecord = "partial";

    /// <summary>Metastatic for matching: the profile says so, or its stage is IV.</summary>
    public static bool IsMetastatic(ClinicalProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.Metastatic || profile.Stage == "IV";
    }

    /// <summary>Every fact, by tag (ordinal).</summary>
    public IReadOnlyCollection<ProfileFact> All => facts.Values;

    /// <summary>Whether the fact holds; <c>general</c> always does.</summary>
    public bool Holds(string tag) => tag == Materials.Tags.General || facts.ContainsKey(tag);

    public ProfileFact? Get(string tag) => facts.GetValueOrDefault(tag);

    /// <summary>
    /// Derives the facts: <c>site:&lt;key&gt;</c> per site; <c>stage:iv</c> when stage is IV or metastatic (its
    /// <see cref="ProfileFact.Detail"/> is the recorded stage, so the reason names the stage the record gives);
    /// <c>urgent:any-metastatic</c> when metastatic or when <paramref name="partial"/> (part of the record did not
    /// load: the warning-signs material is offered whatever the gap hides; Detail "partial" when that is the only
    /// ground); <c>recurrence:&lt;value&gt;</c>; <c>biomarker:hr-positive</c> (ER or PR positive/low),
    /// <c>er-low</c> (ER low), <c>her2-positive</c>, <c>her2-low</c> (low or ultralow), <c>triple-negative</c>
    /// (subtype), <c>receptor-change</c>, <c>unknown</c> (ER, PR or HER2 unknown, or HER2 equivocal);
    /// <c>variant:&lt;GENE&gt;</c> per detected gene; <c>sex:male</c> when <paramref name="sex"/> is "male"
    /// (FHIR Patient.gender).
    /// </summary>
    public static ProfileFacts From(ClinicalProfile profile, string? sex, bool partial = false)
    {
        var ev = profile.Evidence;
        var list = new List<ProfileFact>();
        foreach (var site in profile.Sites)
        {
            list.Add(new(Tags.Site(site), [.. FactEvidence.Matching(ev, "site", site)]));
        }
        if (IsMetastatic(profile))
        {
            var stage = FactEvidence.Matching(ev, "stage", "iv").Concat(FactEvidence.Matching(ev, "metastatic")).ToList();
            // Without a staging or "metastatic" record, the distant sites are what shows the spread.
            IReadOnlyList<Evidence> spread = stage.Count > 0 ? stage : [.. FactEvidence.Matching(ev, "site")];
            list.Add(new(Tags.StageIv, spread, profile.Stage));
            list.Add(new(Tags.UrgentAnyMetastatic, spread, profile.Stage));
        }
        else if (partial)
        {
            list.Add(new(Tags.UrgentAnyMetastatic, [], PartialRecord));
        }
        if (profile.Recurrence is DeNovo or DistantRecurrence)
        {
            list.Add(new("recurrence:" + profile.Recurrence, [.. FactEvidence.Matching(ev, "recurrence", profile.Recurrence)]));
        }
        var hr = new[] { ("er", profile.Er), ("pr", profile.Pr) }.Where(m => m.Item2 is Positive or Low).ToList();
        if (hr.Count > 0)
        {
            list.Add(new(Tags.HrPositive, [.. hr.SelectMany(m => FactEvidence.Matching(ev, m.Item1, m.Item2))]));
        }
        if (profile.Er == Low)
        {
            list.Add(new(Tags.ErLow, [.. FactEvidence.Matching(ev, "er", Low)]));
        }
        if (profile.Her2 == Positive)
        {
            list.Add(new(Tags.Her2Positive, [.. FactEvidence.Matching(ev, "her2", Positive)]));
        }
        if (profile.Her2 is Low or Ultralow)
        {
            list.Add(new(Tags.Her2Low, [.. FactEvidence.Matching(ev, "her2", profile.Her2)], profile.Her2));
        }
        if (profile.Subtype == TripleNegative)
        {
            var tn = FactEvidence.Matching(ev, "er", profile.Er).Concat(FactEvidence.Matching(ev, "pr", profile.Pr))
                .Concat(FactEvidence.Matching(ev, "her2", profile.Her2)).Concat(FactEvidence.Matching(ev, "subtype"));
            list.Add(new(Tags.TripleNegative, [.. tn]));
        }
        if (profile.ReceptorChange)
        {
            list.Add(new(Tags.ReceptorChange, [.. FactEvidence.Matching(ev, "receptor-change")]));
        }
        var unknown = new[] { ("ER", profile.Er), ("PR", profile.Pr), ("HER2", profile.Her2) }
            .Where(m => m.Item2 == Unknown || (m.Item1 == "HER2" && m.Item2 == Equivocal)).ToList();
        if (unknown.Count > 0)
        {
            var why = unknown.SelectMany(m => FactEvidence.Matching(ev, m.Item1, m.Item2));
            list.Add(new(Tags.BiomarkerUnknown, [.. why], string.Join(",", unknown.Select(m => m.Item1))));
        }
        foreach (var (gene, result) in profile.Variants)
        {
            if (result == Detected)
            {
                var symbol = gene.Trim().ToUpperInvariant();
                var found = FactEvidence.Matching(ev, "variant", symbol).Where(e => !e.Fact.EndsWith(":" + NotDetected, StringComparison.OrdinalIgnoreCase));
                list.Add(new(Tags.Variant(symbol), [.. found]));
            }
        }
        if (string.Equals(sex, "male", StringComparison.OrdinalIgnoreCase))
        {
            list.Add(new(Tags.SexMale, [new Evidence(Tags.SexMale, profile.Patient, null)]));
        }
        return new ProfileFacts(list.Select(f => f with { Evidence = [.. f.Evidence.Distinct()] }));
    }

    /// <summary>
    /// The facts as the patient may see them: unconfirmed evidence removed, and — when
    /// <see cref="MatchPolicy.HoldRecentDays"/> is above 0 — facts whose every dated evidence falls in the
    /// last N days (today included) held back until the care team has discussed them.
    /// Facts with no dated evidence are never held: there is nothing to say they are new.
    /// </summary>
    public ProfileFacts ForPatient(MatchPolicy policy, out IReadOnlyList<ProfileFact> held)
    {
        var holding = policy.HoldRecentDays > 0;
        if (holding && policy.Today == default)
        {
            throw new ArgumentException("MatchPolicy.Today is required when HoldRecentDays is above 0.", nameof(policy));
        }
        // Day numbers in long arithmetic: a huge HoldRecentDays must not overflow DateOnly.
        var firstHiddenDay = (long)policy.Today.DayNumber - policy.HoldRecentDays + 1;
        var kept = new List<ProfileFact>();
        var heldBack = new List<ProfileFact>();
        foreach (var fact in facts.Values)
        {
            var confirmed = fact with { Evidence = [.. fact.Evidence.Where(e => e.Confirmed)] };
            var recent = holding
                && confirmed.Evidence.Count > 0
                && confirmed.Evidence.All(e => e.Date is { } d && d.DayNumber >= firstHiddenDay);
            (recent ? heldBack : kept).Add(confirmed);
        }
        held = heldBack;
        return new ProfileFacts(kept);
    }
}
