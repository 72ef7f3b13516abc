using MbcFhirEdu.Core.Clinical.Codes;

namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// Spread recorded outside Conditions: a site-of-metastasis Observation (LOINC 44667-4, SNOMED 385421009)
/// whose value is the body site, a DiagnosticReport.conclusionCode, and HistoryOfMetastaticCancer
/// Observations (1287652008 and descendants: history, not a current site; valueBoolean false negates).
/// </summary>
internal static class ObservationSiteFinder
{
    /// <param name="observations">The index's <see cref="ObservationIndex.Spread"/> bucket: the only Observations this reads.</param>
    public static IReadOnlyList<SiteFinding> Find(ObservationIndex observations, IReadOnlyList<ReportRecord> reports, ExtractionLog log)
    {
        var findings = new List<SiteFinding>();
        foreach (var observation in observations.Spread)
        {
            if (MetastasisCodes.SiteObservations.ContainsAny(observation.Codes))
                findings.AddRange(SiteObservation(observation, log));
            else if (IsHistory(observation.Codes, out var fromDisplay))
                findings.AddRange(History(observation, fromDisplay, log));
        }
        foreach (var report in reports)
        {
            if (report.ConclusionCodes.Count > 0) findings.AddRange(Report(report, log));
        }
        return findings;
    }

    /// <summary>A HistoryOfMetastaticCancer assertion that is explicitly false: no history of spread.</summary>
    public static IEnumerable<ObservationRecord> Negations(ObservationIndex observations) =>
        observations.History.Where(o => o.Value is { Kind: ValueKind.Boolean, Boolean: false }
            && o.Status is not ("cancelled" or "entered-in-error"));

    private static IEnumerable<SiteFinding> SiteObservation(ObservationRecord observation, ExtractionLog log)
    {
        var state = ResultStatus.Classify(observation.Reference, observation.Status, log);
        if (state == ResultState.Ignored) yield break;
        var codes = (observation.Value?.Codes ?? []).Concat(observation.BodySites).ToList();
        var sites = codes.Select(c => (Site: SiteOf(c), Regional: MetastasisCodes.IsRegional(c))).Where(s => s.Site is not null).Distinct().ToList();
        if (sites.Count == 0)
        {
            var fromText = TextClues.Sites(observation.Value?.Text);
            if (fromText.Count == 0)
            {
                log.Warn(observation.Reference, "site of metastasis not recognised");
                yield break;
            }
            log.Warn(observation.Reference, "site of metastasis read from text");
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
        if (fromDisplay) log.Warn(observation.Reference, "history of metastatic cancer recognised from a display only");
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
