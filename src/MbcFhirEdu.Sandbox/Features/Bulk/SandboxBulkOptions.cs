using System.ComponentModel.DataAnnotations;

namespace MbcFhirEdu.Sandbox;

/// <summary>Bulk Data export (<c>$export</c>) settings, bound from <c>Sandbox:Bulk</c>.</summary>
public sealed class SandboxBulkOptions
{
    public const string SectionName = "Sandbox:Bulk";

    /// <summary>How long an export job reports "in progress" (202 with X-Progress) at least, so clients poll.</summary>
    [Range(0, 3600)]
    public int JobSeconds { get; set; } = 2;

    /// <summary>About how many resources go into one NDJSON file; a type with more is split into several files.</summary>
    [Range(1, 1_000_000)]
    public int ResourcesPerFile { get; set; } = 1000;

    /// <summary>Export jobs kept at once (a further kick-off is 429 with Retry-After).</summary>
    [Range(1, 1000)]
    public int MaxJobs { get; set; } = 20;

    /// <summary>How long a job and its files stay available after kick-off.</summary>
    [Range(1, 1440)]
    public int JobLifetimeMinutes { get; set; } = 60;

    /// <summary>The <c>Retry-After</c> the status endpoint suggests while a job runs.</summary>
    [Range(1, 600)]
    public int RetryAfterSeconds { get; set; } = 1;
}
