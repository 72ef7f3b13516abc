using System.ComponentModel.DataAnnotations;
using MbcFhirEdu.Fhir.Configuration;

namespace MbcFhirEdu.Data.Population;

/// <summary>Configuration section <c>Population</c>: how a population run batches and claims its work.</summary>
public sealed class PopulationOptions
{
    public const string SectionName = "Population";

    /// <summary>How long a worker's claim on a file or partition lasts; a killed worker's claim is taken over after it.</summary>
    [TimeSpanRange("00:00:30", "1.00:00:00")]
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Patients compared and written per database transaction in the compare phase.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Staged lines written per statement while reading a file (8 parameters a line: SQLite allows 32,766).</summary>
    [Range(1, 4_000)]
    public int StagingBatchSize { get; set; } = 1000;

    /// <summary>Patient partitions of the compare phase (a patient's partition is a stable hash of its id mod this).</summary>
    [Range(1, 4096)]
    public int Partitions { get; set; } = 16;

    /// <summary>How often a worker waiting for another one (manifest, other workers' files) looks at the database.</summary>
    [TimeSpanRange("00:00:00.050", "00:05:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest a worker waits for other workers before it gives up its wait (the run stays resumable).</summary>
    [TimeSpanRange("00:00:01", "7.00:00:00")]
    public TimeSpan WaitDeadline { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Resources read per patient at most; a patient past it is reported and skipped (bounded memory).</summary>
    [Range(1, 1_000_000)]
    public int MaxResourcesPerPatient { get; set; } = 20_000;
}
