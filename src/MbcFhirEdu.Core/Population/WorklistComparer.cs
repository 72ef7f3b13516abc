using MbcFhirEdu.Core.Clinical;

namespace MbcFhirEdu.Core.Population;

/// <summary>
/// Compares a patient's profile with the snapshot of the last population run (issue 18) and says why the patient needs
/// attention now. Pure and deterministic. The rules:
/// <list type="bullet">
/// <item>Deceased (CODES.md rule 16): newly recorded → one <see cref="WorklistReason.Deceased"/> finding (the run closes
/// the patient's other open entries) and nothing else; a deceased patient never gets "send materials" findings.</item>
/// <item>No breast cancer recorded (rule 15): nothing.</item>
/// <item>No previous snapshot: this run is the patient's baseline, and only "no materials sent yet" can come of it
/// (everything else would be "new" and say nothing).</item>
/// <item>Changes against the previous snapshot: metastatic disease newly recorded, each new current site, a receptor
/// change in rule 6's categories (unknown or equivocal on either side is not a change: never guess), and each tracked
/// biomarker with a new or changed result. A fact that disappeared (e.g. a result no longer in the record) is not a
/// finding: a gap in the data must never read as news.</item>
/// <item>Metastatic breast cancer and no material sent yet: <see cref="WorklistReason.NoMaterialsSent"/>.</item>
/// </list>
/// </summary>
public static class WorklistComparer
{
    public const string DeceasedDetail = "deceased - close open items";
    public const string NoMaterialsDetail = "no materials sent yet";

    public static IReadOnlyList<WorklistFinding> Compare(ProfileSnapshot? previous, ClinicalProfile current, bool materialsSent)
    {
        ArgumentNullException.ThrowIfNull(current);
        var now = ProfileSnapshot.From(current);
        var evidence = new FindingEvidence(current);
        var findings = new List<WorklistFinding>();
        if (now.Deceased)
        {
            // With no previous snapshot there is no open entry to close, and a baseline says nothing new.
            if (previous is { Deceased: false })
                findings.Add(new(WorklistReason.Deceased, DeceasedDetail, evidence.For(f => f == "deceased")));
            return findings;
        }
        if (!now.BreastCancer) return findings;
        if (previous is not null) AddChanges(previous, now, evidence, findings);
        if (now.Metastatic && !materialsSent)
            findings.Add(new(WorklistReason.NoMaterialsSent, NoMaterialsDetail, evidence.For(f => f == "metastatic" || f.StartsWith("site:", StringComparison.Ordinal))));
        return findings;
    }

    private static void AddChanges(ProfileSnapshot previous, ProfileSnapshot now, FindingEvidence evidence, List<WorklistFinding> findings)
    {
        if (now.Metastatic && !previous.Metastatic)
            findings.Add(new(WorklistReason.MetastaticNewlyRecorded, "metastatic disease newly recorded" + On(now.MetastaticDate),
                evidence.For(f => f == "metastatic")));

        var known = previous.Sites.Select(s => s.Site).ToHashSet(StringComparer.Ordinal);
        foreach (var site in now.Sites.Where(s => !known.Contains(s.Site)))
        {
            var detail = $"new site: {site.Site}" + (site.Date is null ? " (no date recorded)" : On(site.Date));
            findings.Add(new(WorklistReason.NewSite, detail, evidence.For(f => f == $"site:{site.Site}")));
        }

        AddReceptorChange("ER", "er", previous.Er, now.Er, HormoneReceptor, evidence, findings);
        AddReceptorChange("PR", "pr", previous.Pr, now.Pr, HormoneReceptor, evidence, findings);
        AddReceptorChange("HER2", "her2", previous.Her2, now.Her2, Her2, evidence, findings);

        foreach (var result in now.Biomarkers)
        {
            var before = previous.Biomarkers.FirstOrDefault(b => b.Marker == result.Marker);
            var changed = before is not null && before.Value != result.Value;
            var newer = before is not null && result.Date is { } date && (before.Date is null || date > before.Date);
            if (before is not null && !changed && !newer) continue;
            var detail = $"new {result.Marker} result: {result.Value}" + (changed ? $" (was {before!.Value})" : "") + On(result.Date);
            var fact = result.Marker == "PD-L1" ? "pdl1:" : $"variant:{result.Marker}:";
            findings.Add(new(WorklistReason.NewBiomarkerResult, detail, evidence.For(f => f.StartsWith(fact, StringComparison.Ordinal))));
        }
    }

    // Rule 6: ER/PR flip between positive/low and negative; HER2 between positive and not positive (low ↔ zero is no change).
    private static void AddReceptorChange(string name, string fact, string before, string now, Func<string, string?> category,
        FindingEvidence evidence, List<WorklistFinding> findings)
    {
        if (category(before) is not { } was || category(now) is not { } @is || was == @is) return;
        findings.Add(new(WorklistReason.ReceptorChange, $"receptor change: {name} {before} -> {now}",
            evidence.For(f => f.StartsWith(fact + ":", StringComparison.Ordinal) || f == $"receptor-change:{fact}")));
    }

    private static string? HormoneReceptor(string value) => value switch
    {
        ProfileValues.Positive or ProfileValues.Low => "expressed",
        ProfileValues.Negative => "negative",
        _ => null,
    };

    private static string? Her2(string value) => value switch
    {
        ProfileValues.Positive => "positive",
        ProfileValues.Zero or ProfileValues.Ultralow or ProfileValues.Low or ProfileValues.Negative => "not-positive",
        _ => null,
    };

    private static string On(DateOnly? date) =>
        date is { } d ? " on " + d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "";
}
