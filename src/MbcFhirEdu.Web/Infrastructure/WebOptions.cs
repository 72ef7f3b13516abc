using MbcFhirEdu.Fhir.Configuration;
using System.ComponentModel.DataAnnotations;

namespace MbcFhirEdu.Web.Infrastructure;

/// <summary>Settings of the web host, bound from the <c>Web</c> configuration section and validated at start.</summary>
public sealed class WebOptions
{
    public const string SectionName = "Web";

    /// <summary>
    /// CSP <c>frame-ancestors</c> sources: the portals and EHRs allowed to embed the app in a frame
    /// (<c>'self'</c>, <c>'none'</c> or origins such as <c>https://portal.example.org</c>). Empty: <c>'self'</c> only.
    /// </summary>
    public List<string> FrameAncestors { get; set; } = [];

    /// <summary>Hide findings first recorded in the last N days from the patient view until discussed; 0 turns it off.</summary>
    [Range(0, 365)]
    public int HoldRecentDays { get; set; }

    /// <summary>The content library (folder holding en/ and es/); default: the copy next to the program.</summary>
    public string? ContentRoot { get; set; }

    /// <summary>Limit for fetching an EHR's <c>smart_style_url</c> document.</summary>
    [TimeSpanRange("00:00:00.100", "00:00:30")]
    public TimeSpan StyleFetchTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Largest <c>smart_style_url</c> document read.</summary>
    [Range(256, 1024 * 1024)]
    public int StyleMaxBytes { get; set; } = 16 * 1024;

    /// <summary>
    /// The app's public origin (e.g. <c>https://edu.example.org</c>): the only source of absolute links (CDS cards, FHIR
    /// output, Infobutton feeds, API results) and of the exact audience a CDS client's JWT must name; the request's Host
    /// header is never used. Required outside Development; there it defaults to the listening address (<see cref="AppBaseUrl"/>).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Reverse proxies (IP addresses) whose <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> are believed; a request
    /// from any other address keeps its own client address and scheme. Empty (with <see cref="KnownNetworks"/> empty): none.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. <c>10.42.0.0/16</c>) whose proxies' forwarded headers are believed.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>Send Strict-Transport-Security on HTTPS responses outside Development.</summary>
    public bool HstsEnabled { get; set; } = true;

    /// <summary>The HSTS <c>max-age</c>.</summary>
    [TimeSpanRange("00:00:00", "730.00:00:00")]
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);

    /// <summary>The HSTS <c>includeSubDomains</c> directive.</summary>
    public bool HstsIncludeSubDomains { get; set; } = true;

    /// <summary>How long a fetched style document is reused.</summary>
    [TimeSpanRange("00:00:00", "1.00:00:00")]
    public TimeSpan StyleCacheDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long one session's loaded record (and the pages rendered from it) is reused by this replica, in seconds;
    /// 0 turns the cache off. Only complete loads are kept; a token refresh or the session's end drops them.
    /// </summary>
    [Range(0, 3600)]
    public int RecordCacheSeconds { get; set; } = 60;

    /// <summary>Upper bound of that cache (records plus rendered pages), in megabytes per replica.</summary>
    [Range(1, 4096)]
    public int RecordCacheMegabytes { get; set; } = 64;

    /// <summary>
    /// How long this replica reuses a session read from the session store, in seconds (never past the session's own
    /// expiry); 0 reads the store on every request.
    /// </summary>
    [Range(0, 60)]
    public int SessionCacheSeconds { get; set; } = 5;

    /// <summary>
    /// How long this replica reuses a patient's rendered "From your care team" section, in seconds; 0 reads the
    /// deliveries on every page load. A delivery this replica's outbox completes shows at once; one completed by
    /// another replica shows within this time.
    /// </summary>
    [Range(0, 60)]
    public int CareTeamCacheSeconds { get; set; } = 5;
}
