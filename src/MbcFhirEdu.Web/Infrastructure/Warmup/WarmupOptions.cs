namespace MbcFhirEdu.Web.Infrastructure.Warmup;

/// <summary>The start-up warm-up (configuration section <c>Warmup</c>; docs/performance.md, "Cold start").</summary>
public sealed class WarmupOptions
{
    public const string SectionName = "Warmup";

    /// <summary>
    /// Run the CDS path on every sandbox record before the server listens. On by default; the web test hosts (hundreds per
    /// test run, each a few seconds of warm-up) turn it off, and the warm-up's own tests turn it on.
    /// </summary>
    public bool Enabled { get; set; } = true;
}
