namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// One record of spread. <see cref="Site"/> is a site key, or null when the record says "metastatic" without
/// a site we can name (M1-like). <see cref="Regional"/> findings (axillary nodes, rule 2) are listed as sites
/// but never make the profile metastatic. <see cref="Current"/> is false for history (rule 1).
/// <see cref="DateIsUpperBound"/> marks a date by which spread had happened (a HistoryOfMetastaticCancer
/// Observation), not the date it was found.
/// </summary>
internal sealed record SiteFinding(
    string Reference,
    DateOnly? Date,
    string? Site,
    bool Regional,
    bool Current,
    bool Confirmed,
    bool DateIsUpperBound = false)
{
    public bool IsDistant => !Regional;

    /// <summary>Records the finding's evidence: the site (current or past) and, if distant, "metastatic".</summary>
    public void Log(ExtractionLog log)
    {
        if (Site is not null)
            log.Evidence(Current ? $"site:{Site}" : $"past-site:{Site}", Reference, Date, Confirmed);
        if (IsDistant)
            log.Evidence("metastatic", Reference, Date, Confirmed);
    }
}
