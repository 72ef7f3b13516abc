using System.ComponentModel.DataAnnotations;

namespace MbcFhirEdu.Sandbox;

/// <summary>The generated cohort served by Bulk Data export (<c>Group/mbc-cohort</c>), bound from <c>Sandbox:Cohort</c>.
/// Records are generated from the seed when asked for, never held, so any size costs no memory.</summary>
public sealed class SandboxCohortOptions
{
    public const string SectionName = "Sandbox:Cohort";

    /// <summary>Generated patients; 0 disables the cohort (<c>Group/mbc-cohort</c> is then empty).</summary>
    [Range(0, 1_000_000)]
    public int Size { get; set; } = 50;

    /// <summary>The same seed gives the same records, byte for byte.</summary>
    public int Seed { get; set; } = 18;

    /// <summary>About how many resources each generated patient has (the clinical core plus routine labs, vitals and conditions).</summary>
    [Range(20, 5000)]
    public int ResourcesPerPatient { get; set; } = 40;

    /// <summary>Percent of the cohort that <c>POST {prefix}/_cohort/advance</c> changes (at least one patient).</summary>
    [Range(1, 100)]
    public int ChangePercent { get; set; } = 5;

    /// <summary>Every Nth generated patient has one Observation that cannot be exported (no status, no code), so exports
    /// carry an error file; 0: none.</summary>
    [Range(0, 1_000_000)]
    public int UnexportableEvery { get; set; }
}
