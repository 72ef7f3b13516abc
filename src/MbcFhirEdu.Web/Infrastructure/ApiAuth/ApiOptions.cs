using MbcFhirEdu.Fhir.Configuration;
using System.ComponentModel.DataAnnotations;

namespace MbcFhirEdu.Web.Infrastructure.ApiAuth;

/// <summary>
/// The server-to-server API (<c>Api</c> section): who issues its bearer tokens and for which audience, and which EHR
/// it reads with SMART Backend Services. Unset <see cref="Audience"/> = the API is off (every /api call answers 401).
/// </summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>The token issuer's authority, e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c>; its
    /// <c>.well-known/openid-configuration</c> gives the issuer and signing keys.</summary>
    public string? Authority { get; set; }

    /// <summary>The required <c>aud</c>, e.g. <c>api://mbcfhiredu</c> (Entra ID Application ID URI).</summary>
    public string? Audience { get; set; }

    /// <summary>Accepted <c>iss</c> values; default: the authority's own issuer.</summary>
    public List<string> Issuers { get; set; } = [];

    /// <summary>Read signing keys from this JWKS instead of the authority's metadata (then <see cref="Issuers"/> is required).</summary>
    public string? JwksUrl { get; set; }

    /// <summary>The EHR's FHIR base the API reads; it must be one of <c>Smart:AllowedIssuers</c>.</summary>
    public string? FhirBase { get; set; }

    /// <summary>
    /// The Communication's sender for API deliveries whose body names none: a Practitioner or PractitionerRole reference
    /// (the delivery profile allows only those), e.g. the care-management team's PractitionerRole. Unset = required in the body.
    /// Every client may name it; any other sender must be one of the client's <see cref="Clients"/> senders.
    /// </summary>
    public string? DeliverySender { get; set; }

    /// <summary>Per client, the senders it may name besides <see cref="DeliverySender"/> (anything else is 403).</summary>
    public List<ApiClientOptions> Clients { get; set; } = [];

    [TimeSpanRange("00:00:00", "00:05:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Audience);
}
