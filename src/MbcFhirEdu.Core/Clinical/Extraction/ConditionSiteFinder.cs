using MbcFhirEdu.Core.Clinical.Codes;

namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// Metastatic sites from Conditions, all three CODES.md patterns: pre-coordinated SNOMED disorders,
/// 128462008 + bodySite (SNOMED or ICD-O-3 topography) and ICD-10(-CM) C77-C79/C7B. History codes
/// (HistoryOfMetastaticCancer as a Condition) are history whatever the clinicalStatus. With no code
/// recognised at all, words in the text may name the spread — used with a warning.
/// </summary>
internal static class ConditionSiteFinder
{
    public static IReadOnlyList<SiteFinding> Find(IReadOnlyList<ConditionRecord> conditions, ConditionClues clues, ExtractionLog log)
    {
        var findings = new List<SiteFinding>();
        foreach (var condition in conditions)
        {
            var coded = clues.IsCodedSecondary(condition);
            var textSites = coded ? null : TextSites(condition, clues);
            if (!coded && textSites is null) continue;
            var state = ConditionStatus.Classify(condition, log);
            if (state == ConditionState.Ignored) continue;
            var fromText = !coded;
            var sites = textSites ?? CodedSites(condition, log);
            if (fromText)
            {
                log.Warn(condition.Reference, "metastasis recognised from text only, no code recognised");
                log.FromText(condition.Reference, ExtractionLog.SpreadFacts);
            }
            var isHistoryCode = MetastasisCodes.History.ContainsAny(condition.Codes);
            var confirmed = state is ConditionState.Current or ConditionState.History;
            // One resource coding both a primary breast cancer and a secondary in the breast contradicts itself.
            if (confirmed && clues.SaysPrimary(condition) && sites.Any(s => s.Site == "contralateral-breast"))
            {
                log.Warn(condition.Reference, "codes both a primary breast cancer and a secondary in the breast; the secondary is not used");
                confirmed = false;
            }
            if (state == ConditionState.Unconfirmed)
                log.Warn(condition.Reference, "unconfirmed metastasis not used");
            // An unconfirmed record still says whether it is about now or the past; its evidence keeps that.
            var current = !isHistoryCode && condition.ClinicalStatus is not ("resolved" or "inactive" or "remission");
            for (var i = 0; i < sites.Count; i++)
            {
                // Each site once, first occurrence first (as Distinct), without a set per Condition.
                if (sites.IndexOf(sites[i]) < i) continue;
                findings.Add(new SiteFinding(condition.Reference, ClinicalDates.Of(condition), sites[i].Site, sites[i].Regional, current, confirmed));
            }
        }
        return findings;
    }

    /// <summary>Sites the secondary-cancer codes give. A null site means "somewhere we cannot name".</summary>
    private static List<(string? Site, bool Regional)> CodedSites(ConditionRecord condition, ExtractionLog log)
    {
        var sites = new List<(string? Site, bool Regional)>();
        foreach (var code in condition.Codes)
        {
            if (MetastasisCodes.History.Find(code) is { } history)
            {
                sites.Add((history.Length == 0 ? null : history, false));
            }
            else if (MetastasisCodes.SnomedDisorders.Find(code) is { } site)
            {
                sites.Add((site, MetastasisCodes.IsRegional(code)));
            }
            else if (MetastasisCodes.IcdSecondary.Contains(code))
            {
                var key = MetastasisCodes.IcdSites.Find(code);
                if (key is null) log.Warn(condition.Reference, $"secondary site {ValueAnswers.Describe(code)} has no site key");
                sites.Add((key, MetastasisCodes.IsRegional(code)));
            }
            else if (MetastasisCodes.GenericSecondary.Contains(code))
            {
                sites.AddRange(BodySites(condition, log));
            }
        }
        // A named site makes an unnamed one from another coding of the same resource redundant.
        if (sites.Exists(s => s.Site is not null)) sites.RemoveAll(s => s.Site is null);
        return sites;
    }

    private static IEnumerable<(string? Site, bool Regional)> BodySites(ConditionRecord condition, ExtractionLog log)
    {
        var sites = condition.BodySites
            .Select(b => (Site: MetastasisCodes.SnomedBodySites.Find(b) ?? MetastasisCodes.IcdO3Topography.Find(b), Regional: MetastasisCodes.IsRegional(b)))
            .Where(s => s.Site is not null)
            .ToList();
        foreach (var unknown in condition.BodySites.Where(b => MetastasisCodes.SnomedBodySites.Find(b) is null && MetastasisCodes.IcdO3Topography.Find(b) is null))
            log.Warn(condition.Reference, $"unrecognised bodySite {ValueAnswers.Describe(unknown)} on a secondary cancer");
        if (sites.Count > 0) return sites;

        var fromText = TextClues.Sites(condition.BodySiteText);
        if (fromText.Count > 0)
        {
            log.Warn(condition.Reference, "secondary site read from bodySite text");
            log.FromText(condition.Reference, "site:", "past-site:");
            return fromText.Select(s => ((string?)s.Site, s.Regional));
        }
        log.Warn(condition.Reference, "secondary cancer without a recognised body site");
        return [(null, false)];
    }

    /// <summary>Text fallback: only for a Condition none of whose codes we know, whose words say spread and where.</summary>
    private static List<(string? Site, bool Regional)>? TextSites(ConditionRecord condition, ConditionClues clues)
    {
        if (clues.IsCodedPrimary(condition) || clues.IsIcdHistory(condition)) return null;
        if (clues.SpreadWords(condition) is not { } spread) return null;
        var sites = TextClues.Sites(spread);
        return sites.Count == 0 ? null : [.. sites.Select(s => ((string?)s.Site, s.Regional))];
    }
}
