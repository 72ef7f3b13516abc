using MbcFhirEdu.Fhir.Configuration;
using System.ComponentModel.DataAnnotations;

namespace MbcFhirEdu.Web.Features.Infobutton;

/// <summary>Settings of <c>/infobutton</c> (section <c>Infobutton</c>): the per-client rate limit.</summary>
public sealed class InfobuttonOptions
{
    public const string SectionName = "Infobutton";

    /// <summary>Requests one client IP may make per <see cref="Window"/>.</summary>
    [Range(1, 100_000)]
    public int PermitLimit { get; set; } = 60;

    [TimeSpanRange("00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
