namespace MbcFhirEdu.Data.Population;

/// <summary>
/// What a population run (or this worker's share of it) did. <paramref name="Status"/> is the run's state when this
/// worker finished: <c>completed</c>, <c>failed</c>, or <c>in-progress</c> when other workers still hold parts of it.
/// Errors and warnings never hold names or birth dates (patient ids at most).
/// </summary>
public sealed record PopulationRunSummary(Guid RunId, string Status, int FilesProcessed, int FilesFailed,
    int PatientsProcessed, int WorklistEntriesAdded, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    /// <summary>Worklist entries this worker added, by reason (for the CLI's summary).</summary>
    public IReadOnlyDictionary<string, int> EntriesByReason { get; init; } = new Dictionary<string, int>();
    /// <summary>Resources read from the export's files by this worker.</summary>
    public long ResourcesRead { get; init; }
    /// <summary>Wall-clock time this worker spent, for the benchmark (issue 18 item 6).</summary>
    public TimeSpan Elapsed { get; init; }
}
