namespace MbcFhirEdu.Data.Entities;

/// <summary>Where a population run stands (column <c>state</c> of <c>population_runs</c>).</summary>
public enum PopulationRunState { Exporting = 0, Staging = 1, Comparing = 2, Completed = 3, Failed = 4 }

/// <summary>A claimable unit of a run (a manifest file or a patient partition).</summary>
public enum PopulationWorkState { Pending = 0, Claimed = 1, Done = 2, Failed = 3 }

/// <summary>
/// One population run (table <c>population_runs</c>): the request, the export job's status URL and transaction time,
/// and its state. At most one unfinished run per request key, so a re-run with the same request resumes it.
/// </summary>
public sealed class PopulationRunRecord
{
    public Guid Id { get; set; }
    /// <summary>SHA-256 (hex) of the FHIR base, group and <c>_since</c>: what "the same request" means.</summary>
    public required string RequestKey { get; set; }
    public required string FhirBase { get; set; }
    public string? GroupId { get; set; }
    /// <summary>The <c>_since</c> the export was asked with; null for a full export.</summary>
    public DateTimeOffset? Since { get; set; }
    public PopulationRunState State { get; set; }
    /// <summary>The Bulk Data status URL (Content-Location of the kick-off), once kicked off.</summary>
    public string? StatusUrl { get; set; }
    /// <summary>The manifest's transactionTime: the next incremental run's <c>_since</c>.</summary>
    public DateTimeOffset? TransactionTime { get; set; }
    public bool RequiresAccessToken { get; set; }
    /// <summary>The worker holding the kick-off/manifest step, and until when (a killed worker's lease expires).</summary>
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Set when the run completed or failed; null while it can be resumed.</summary>
    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>One file of a run's manifest (table <c>population_run_files</c>), claimed by one worker at a time.</summary>
public sealed class PopulationRunFileRecord
{
    public long Id { get; set; }
    public Guid RunId { get; set; }
    /// <summary>Position in the manifest (output files first, then error files).</summary>
    public int Ordinal { get; set; }
    public required string ResourceType { get; set; }
    public required string Url { get; set; }
    public long? Count { get; set; }
    /// <summary>True for an <c>error</c> entry of the manifest (OperationOutcome NDJSON).</summary>
    public bool IsErrorFile { get; set; }
    public PopulationWorkState State { get; set; }
    public string? ClaimOwner { get; set; }
    public DateTimeOffset? ClaimUntil { get; set; }
    public int Attempts { get; set; }
    public int Resources { get; set; }
    public string? Error { get; set; }
}

/// <summary>
/// One share of a run's patients for the compare phase (table <c>population_run_partitions</c>): a patient belongs to
/// partition <c>hash(patient id) mod N</c>; workers claim partitions like files.
/// </summary>
public sealed class PopulationRunPartitionRecord
{
    public Guid RunId { get; set; }
    public int Partition { get; set; }
    public PopulationWorkState State { get; set; }
    public string? ClaimOwner { get; set; }
    public DateTimeOffset? ClaimUntil { get; set; }
    public int Attempts { get; set; }
    public int Patients { get; set; }
    public int Entries { get; set; }
}

/// <summary>
/// One resource of one patient as the export gave it (table <c>population_staging</c>), keyed by FHIR base, patient,
/// type and id so a re-read file overwrites its rows and an incremental export merges with what earlier runs stored.
/// </summary>
public sealed class PopulationStagedRecord
{
    public required string FhirBase { get; set; }
    public required string PatientId { get; set; }
    public required string ResourceType { get; set; }
    public required string ResourceId { get; set; }
    public int Partition { get; set; }
    /// <summary>The run that last wrote the row.</summary>
    public Guid RunId { get; set; }
    /// <summary>meta.lastUpdated, for CODES.md rule 9 (the newest copy wins).</summary>
    public DateTimeOffset? LastUpdated { get; set; }
    public required string Payload { get; set; }
}

/// <summary>The patients a run touched (table <c>population_run_patients</c>): the compare phase's to-do list.</summary>
public sealed class PopulationRunPatientRecord
{
    public Guid RunId { get; set; }
    public required string PatientId { get; set; }
    public int Partition { get; set; }
}

/// <summary>The last stored profile snapshot of one patient (table <c>population_snapshots</c>).</summary>
public sealed class PatientSnapshotRecord
{
    public required string FhirBase { get; set; }
    public required string PatientId { get; set; }
    public required string SnapshotJson { get; set; }
    /// <summary>SHA-256 (hex) of <see cref="SnapshotJson"/>: an unchanged record is skipped on this alone.</summary>
    public required string Hash { get; set; }
    public Guid RunId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One worklist entry (table <c>worklist_entries</c>): ids, reason, detail and evidence; no names or birth dates.</summary>
public sealed class WorklistEntryRecord
{
    public Guid Id { get; set; }
    public required string FhirBase { get; set; }
    public required string PatientId { get; set; }
    public int Reason { get; set; }
    public required string Detail { get; set; }
    /// <summary>The evidence lines, as a JSON array of strings.</summary>
    public required string EvidenceJson { get; set; }
    public Guid RunId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
}
