namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>A dated sign of distant disease: a distant metastasis, M1, or a stage IV group.</summary>
internal sealed record SpreadPoint(string Reference, DateOnly Date, bool IsUpperBound);

/// <summary>
/// Rule 7: de novo when the first metastasis, M1 or stage IV result is dated within 90 days of the primary
/// diagnosis (or before it); distant recurrence when later. Undated signs cannot place the first spread and
/// are left out; with no diagnosis date or no dated sign the answer is unknown. A date that is only an upper
/// bound (HistoryOfMetastaticCancer: spread happened by then) can prove de novo but never recurrence.
/// </summary>
internal static class RecurrenceRule
{
    public const int DeNovoWindowDays = 90;

    public static string Decide(bool metastatic, DateOnly? diagnosis, IReadOnlyList<SpreadPoint> points, ExtractionLog log)
    {
        if (!metastatic || diagnosis is not { } diagnosed || points.Count == 0) return ProfileValues.Unknown;
        var limit = diagnosed.AddDays(DeNovoWindowDays);

        var early = points.Where(p => p.Date <= limit).OrderBy(p => p.Date).ThenBy(p => p.Reference, StringComparer.Ordinal).FirstOrDefault();
        if (early is not null)
        {
            log.Evidence($"recurrence:{ProfileValues.DeNovo}", early.Reference, early.Date);
            return ProfileValues.DeNovo;
        }
        var first = points.Where(p => !p.IsUpperBound).OrderBy(p => p.Date).ThenBy(p => p.Reference, StringComparer.Ordinal).FirstOrDefault();
        if (first is null) return ProfileValues.Unknown;
        log.Evidence($"recurrence:{ProfileValues.DistantRecurrence}", first.Reference, first.Date);
        return ProfileValues.DistantRecurrence;
    }
}
