using MbcFhirEdu.Core.Clinical.Codes;

namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// Spread recorded outside Conditions: a site-of-metastasis Observation (LOINC 44667-4, SNOMED 385421009)
/// whose value is the body site, a DiagnosticReport.conclusionCode, and HistoryOfMetastaticCancer
/// Observations (1287652008 and descendants: history, not a current site; valueBoolean false negates).
/// A site value may be an MII/oBDS localisation code (rule 18); "None" (260413007) is negative evidence (rule 17).
/// </summary>
internal static class ObservationSiteFinder
{
    /// <param name="observations">The index's <see cref="ObservationIndex.Spread"/> bucket: the only Observations this reads.</param>
    /// <param name="negatives">Receives the site-of-metastasis Observations whose value says there is none (rule 17).</param>
    public static IReadOnlyList<SiteFinding> Find(
        ObservationIndex observations, IReadOnlyList<ReportRecord> reports, ExtractionLog log, List<NegativeFinding> negatives)
    {
        var findings = new List<SiteFinding>();
        foreach (var observation in observations.Spread)
        {
            if (MetastasisCodes.SiteObservations.ContainsAny(observation.Codes))
                findings.AddRange(SiteObservation(observation, log, negatives));
            else if (IsHistory(observation.Codes, out var fromDisplay))
                findings.AddRange(History(observation, fromDisplay, log));
        }
        foreach (var report in reports)
        {
            if (report.ConclusionCodes.Count > 0) findings.AddRange(Report(report, log));
        }
        return findings;
    }

    /// <summary>A HistoryOfMetastaticCancer assertion that is explicitly false: no history of spread (rule 17).</summary>
    public static IEnumerable<NegativeFinding> Negations(ObservationIndex observations) =>
        observations.History.Where(o => o.Value is { Kind: ValueKind.Boolean, Boolean: false }
            && o.Status is not ("cancelled" or "entered-in-error" or "preliminary" or "registered"))
            .Select(o => new NegativeFinding(o.Reference, o.Date, "no history of metastatic cancer"));

    private static IEnumerable<SiteFinding> SiteObservation(ObservationRecord observation, ExtractionLog log, List<NegativeFinding> negatives)
    {
        var state = ResultStatus.Classify(observation.Reference, observation.Status, log);
        if (state == ResultState.Ignored) yield break;
        var values = observation.Value?.Codes ?? [];
        // Rule 17: "None" is negative evidence, never an unrecognised site.
        if (MetastasisCodes.NoSite.ContainsAny(values))
        {
            if (state == ResultState.Final) negatives.Add(new NegativeFinding(observation.Reference, observation.Date, "no site of distant metastasis"));
            yield break;
        }
        // Rule 18: an MII/oBDS localisation; OTH and GEN are metastatic without a site key.
        var mii = values.Select(MiiSite).OfType<string>().Distinct().ToList();
        if (mii.Count > 0)
        {
            if (mii.Any(m => m.Length > 0)) mii.RemoveAll(m => m.Length == 0);
            foreach (var site in mii)
                yield return new SiteFinding(observation.Reference, observation.Date, site.Length == 0 ? null : site, false, Current: true, state == ResultState.Final);
            yield break;
        }
        var codes = values.Concat(observation.BodySites).ToList();
        var sites = codes.Select(c => (Site: SiteOf(c), Regional: MetastasisCodes.IsRegional(c))).Where(s => s.Site is not null).Distinct().ToList();
        if (sites.Count == 0 && values.All(c => c.Value.Length == 0) && TextClues.SaysNone(observation.Value?.Text))
        {
            // Rule 17 in words ("None", "keine"): negative evidence all the same, read from text (rule 19).
            log.Warn(observation.Reference, "no site of metastasis, read from free text");
            if (state == ResultState.Final) negatives.Add(new NegativeFinding(observation.Reference, observation.Date, "no site of distant metastasis (text)"));
            yield break;
        }
        if (sites.Count == 0)
        {
            var fromText = TextClues.Sites(observation.Value?.Text);
            if (fromText.Count == 0)
            {
                log.Warn(observation.Reference, "site of metastasis not recognised");
                yield break;
            }
            log.Warn(observation.Reference, "site of metastasis read from text");
            log.FromText(observation.Reference, ExtractionLog.SpreadFacts);
            sites = [.. fromText.Select(s => ((string?)s.Site, s.Regional))];
        }
        foreach (var (site, regional) in sites)
            yield return new SiteFinding(observation.Reference, observation.Date, site, regional, Current: true, state == ResultState.Final);
    }

    private static IEnumerable<SiteFinding> History(ObservationRecord observation, bool fromDisplay, ExtractionLog log)
    {
        if (observation.Value is { Kind: ValueKind.Boolean, Boolean: false }) yield break;
        var state = ResultStatus.Classify(observation.Reference, observation.Status, log);
        if (state == ResultState.Ignored) yield break;
        if (fromDisplay)
        {
            log.Warn(observation.Reference, "history of metastatic cancer recognised from a display only");
            log.FromText(observation.Reference, ExtractionLog.SpreadFacts);
        }
        var sites = observation.Codes.Select(c => MetastasisCodes.History.Find(c)).Where(s => !string.IsNullOrEmpty(s)).ToList();
        if (sites.Count == 0 && fromDisplay)
            sites = [.. observation.Codes.SelectMany(c => TextClues.Sites(c.Display)).Select(s => s.Site)];
        if (sites.Count == 0) sites = [null];
        foreach (var site in sites.Distinct())
            yield return new SiteFinding(observation.Reference, observation.Date, site, false, Current: false, state == ResultState.Final, DateIsUpperBound: true);
    }

    private static IEnumerable<SiteFinding> Report(ReportRecord report, ExtractionLog log)
    {
        var sites = report.ConclusionCodes
            .Where(c => MetastasisCodes.SnomedDisorders.Contains(c) || MetastasisCodes.IcdSecondary.Contains(c) || MetastasisCodes.GenericSecondary.Contains(c))
            .Select(c => (Site: MetastasisCodes.SnomedDisorders.Find(c) ?? MetastasisCodes.IcdSites.Find(c), Regional: MetastasisCodes.IsRegional(c)))
            .Distinct().ToList();
        if (sites.Count == 0) yield break;
        var state = ResultStatus.Classify(report.Reference, report.Status, log);
        if (state == ResultState.Ignored) yield break;
        if (sites.Any(s => s.Site is not null)) sites.RemoveAll(s => s.Site is null);
        foreach (var (site, regional) in sites)
            yield return new SiteFinding(report.Reference, report.Effective ?? report.Issued, site, regional, Current: true, state == ResultState.Final);
    }

    /// <summary>
    /// The MII/oBDS localisation's site key ("" for OTH/GEN), or null. A code with no system is read as one too:
    /// it stands as the value of a site-of-metastasis Observation, and the oBDS three-letter codes (PUL, OSS, HEP...)
    /// are no other vocabulary's codes for a body site, so the Observation's code supplies what the system would.
    /// </summary>
    private static string? MiiSite(Code code) =>
        code.System.Length == 0
            ? MetastasisCodes.MiiLocalisation.Find(new Code(CodeSystems.MiiDistantMetastases, code.Value.ToUpperInvariant()))
            : MetastasisCodes.MiiLocalisation.Find(code);

    private static string? SiteOf(Code code) =>
        MetastasisCodes.SnomedBodySites.Find(code) ?? MetastasisCodes.IcdO3Topography.Find(code)
        ?? MetastasisCodes.SnomedDisorders.Find(code) ?? MetastasisCodes.IcdSites.Find(code);

    /// <summary>An Observation code list naming HistoryOfMetastaticCancer, by code or (<paramref name="fromDisplay"/>) a SNOMED display.</summary>
    public static bool IsHistory(IReadOnlyList<Code> codes, out bool fromDisplay)
    {
        fromDisplay = false;
        if (MetastasisCodes.History.ContainsAny(codes)) return true;
        for (var i = 0; i < codes.Count; i++)
        {
            if (codes[i].System == CodeSystems.Snomed && TextClues.SaysHistoryOfMetastasis(codes[i].Display)) return fromDisplay = true;
        }
        return false;
    }
}
