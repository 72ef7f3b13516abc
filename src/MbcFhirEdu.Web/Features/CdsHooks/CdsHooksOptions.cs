using MbcFhirEdu.Fhir.Configuration;
using System.ComponentModel.DataAnnotations;

namespace MbcFhirEdu.Web.Features.CdsHooks;

/// <summary>Settings of the CDS Hooks service (section <c>CdsHooks</c>), validated at start.</summary>
public sealed class CdsHooksOptions
{
    public const string SectionName = "CdsHooks";

    /// <summary>Internal deadline for the whole hook call (JWT check, FHIR fetches, matching). CDS Hooks asks for about 500 ms.</summary>
    [TimeSpanRange("00:00:00.050", "00:00:30")]
    public TimeSpan Deadline { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Require a verified CDS client JWT on the service and feedback routes (default). Only a development setup may turn
    /// it off, so a curl without a JWT works against the sandbox.
    /// </summary>
    public bool RequireAuthentication { get; set; } = true;

    /// <summary>The CDS clients (EHRs) allowed to call, by JWT <c>iss</c>.</summary>
    public List<CdsClientOptions> Clients { get; set; } = [];

    /// <summary>Origins of browser-based CDS clients allowed by CORS on the <c>/cds-services</c> routes.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Allowed difference between our clock and the client's for <c>exp</c> and <c>iat</c>.</summary>
    [TimeSpanRange("00:00:00", "00:05:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Limit for fetching a <c>jku</c> key set.</summary>
    [TimeSpanRange("00:00:00.050", "00:00:10")]
    public TimeSpan JwksFetchTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a fetched <c>jku</c> key set is reused.</summary>
    [TimeSpanRange("00:00:00", "1.00:00:00")]
    public TimeSpan JwksCacheDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Largest request body read (the prefetch can be large).</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Bound of the <c>jti</c> replay table: while this many unexpired jtis are stored, new tokens are refused (fail closed).</summary>
    [Range(16, 10_000_000)]
    public int ReplayStoreCapacity { get; set; } = 100_000;

    /// <summary>Bound of the feedback table (oldest rows deleted first).</summary>
    [Range(16, 10_000_000)]
    public int FeedbackStoreCapacity { get; set; } = 10_000;
}

/// <summary>One CDS client: its <c>iss</c>, and where its signing keys come from.</summary>
public sealed class CdsClientOptions
{
    /// <summary>The exact <c>iss</c> the client puts in its JWTs.</summary>
    [Required]
    public string Issuer { get; set; } = "";

    /// <summary>The client's public keys as a JWK Set JSON document (used when the JWT names no <c>jku</c>).</summary>
    public string? Jwks { get; set; }

    /// <summary>The <c>jku</c> URLs this client may name; any other <c>jku</c> is refused without being fetched.</summary>
    public List<string> AllowedJku { get; set; } = [];
}
