namespace MbcFhirEdu.Data.Population;

/// <summary>
/// A population run (issue 18, docs/population.md): Bulk Data kick-off, wait for the manifest, claim and stage the
/// export's files, compare each touched patient's profile with the last snapshot, write worklist entries, delete the
/// export job. Several workers may run the same request; they share it through the database.
/// </summary>
public sealed class PopulationRunner
{
    /// <summary>Runs (or resumes, or joins) the run for <paramref name="request"/> and returns this worker's summary.</summary>
    public Task<PopulationRunSummary> RunAsync(PopulationRunRequest request, CancellationToken ct) =>
        throw new NotSupportedException("The population runner is not implemented yet (contract only).");
}
