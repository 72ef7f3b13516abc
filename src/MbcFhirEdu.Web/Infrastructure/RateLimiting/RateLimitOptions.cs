using System.ComponentModel.DataAnnotations;
using MbcFhirEdu.Fhir.Configuration;

namespace MbcFhirEdu.Web.Infrastructure.RateLimiting;

/// <summary>
/// Request limits (section <c>RateLimits</c>), each a fixed window per caller: per client IP for browsers starting or
/// finishing a launch (<c>/launch</c>, <c>/callback</c>) and for Infobutton; per authenticated client for the bearer API
/// and CDS Hooks (per IP while CDS authentication is off). The defaults are well above what one EHR or one hospital
/// behind one address sends, so only floods are refused.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Requests to <c>/launch</c> and <c>/callback</c> per client IP per <see cref="LaunchWindow"/>.</summary>
    [Range(1, 1_000_000)]
    public int LaunchPermitLimit { get; set; } = 300;

    [TimeSpanRange("00:00:01", "01:00:00")]
    public TimeSpan LaunchWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests to <c>/api</c> per API client per <see cref="ApiWindow"/>.</summary>
    [Range(1, 1_000_000)]
    public int ApiPermitLimit { get; set; } = 1200;

    [TimeSpanRange("00:00:01", "01:00:00")]
    public TimeSpan ApiWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests to <c>/cds-services</c> per verified CDS client (<c>iss</c>), or per IP without authentication, per <see cref="CdsWindow"/>.</summary>
    [Range(1, 1_000_000)]
    public int CdsPermitLimit { get; set; } = 3000;

    [TimeSpanRange("00:00:01", "01:00:00")]
    public TimeSpan CdsWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests to <c>/infobutton</c> per client IP per <see cref="InfobuttonWindow"/>.</summary>
    [Range(1, 1_000_000)]
    public int InfobuttonPermitLimit { get; set; } = 600;

    [TimeSpanRange("00:00:01", "01:00:00")]
    public TimeSpan InfobuttonWindow { get; set; } = TimeSpan.FromMinutes(1);
}
