using System.ComponentModel.DataAnnotations;
using MbcFhirEdu.Fhir.Configuration;

namespace MbcFhirEdu.Fhir.Bulk;

/// <summary>Settings of the Bulk Data client, bound from the <c>BulkData</c> configuration section.</summary>
public sealed class BulkDataOptions
{
    public const string SectionName = "BulkData";

    /// <summary>
    /// Space-separated system scopes asked for with client_credentials (a string, not a list: binding a list appends
    /// configured items to the defaults). Group exports need <c>system/Group.rs</c>.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string Scope { get; set; } =
        "system/Patient.rs system/Condition.rs system/Observation.rs system/DiagnosticReport.rs system/Group.rs";

    /// <summary>How long <see cref="IBulkExportClient.WaitForManifestAsync"/> polls before it gives up.</summary>
    [TimeSpanRange("00:00:01", "2.00:00:00")]
    public TimeSpan ExportDeadline { get; set; } = TimeSpan.FromHours(2);

    /// <summary>The wait between polls when the server sends no Retry-After; also the first backoff after a transient error.</summary>
    [TimeSpanRange("00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between polls, whatever Retry-After or the backoff asks for.</summary>
    [TimeSpanRange("00:00:00.010", "01:00:00")]
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Overall time limit of one kick-off, status, manifest or delete request.</summary>
    [TimeSpanRange("00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Overall time limit of one file download, from the request to the last byte read.</summary>
    [TimeSpanRange("00:00:01", "1.00:00:00")]
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Largest NDJSON file read; a larger one fails its download.</summary>
    [Range(1024, 64L * 1024 * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Largest status or manifest body read (JSON, read whole).</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxManifestBytes { get; set; } = 16 * 1024 * 1024;
}
