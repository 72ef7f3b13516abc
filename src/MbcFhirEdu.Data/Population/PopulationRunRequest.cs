namespace MbcFhirEdu.Data.Population;

/// <summary>
/// One population run: export the group (or every patient when <paramref name="GroupId"/> is null) from
/// <paramref name="FhirBase"/>. <paramref name="Since"/> asks for an incremental export (Bulk Data <c>_since</c>); when
/// null, the last completed run's transaction time for the same base and group is used, and a full export when there
/// is none (or <see cref="FullExport"/> is set, or a staged patient was never compared). <paramref name="WorkerIndex"/>/
/// <paramref name="WorkerCount"/> make this process one of N workers sharing the run through the database (a Kubernetes
/// Indexed Job); both null means one worker does everything.
/// </summary>
public sealed record PopulationRunRequest(Uri FhirBase, string? GroupId, DateTimeOffset? Since, int? WorkerIndex = null, int? WorkerCount = null)
{
    /// <summary>Export everything whatever the last run was (ignored when <see cref="Since"/> is given). A full export also
    /// removes staged resources the EHR no longer holds, which an incremental one cannot see.</summary>
    public bool FullExport { get; init; }
}
