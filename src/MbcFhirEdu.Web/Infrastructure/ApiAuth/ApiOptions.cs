using MbcFhirEdu.Fhir.Configuration;
using System.ComponentModel.DataAnnotations;

namespace MbcFhirEdu.Web.Infrastructure.ApiAuth;

/// <summary>
/// What the server-to-server API does once a caller is authenticated (<c>Api</c> section): which EHR it reads with SMART
/// Backend Services and whom a client may send as. Who may call is <c>Entra:Api</c> (<see cref="ApiAuthentication"/>).
/// </summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

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

    /// <summary>Allowed clock difference when checking a token's lifetime.</summary>
    [TimeSpanRange("00:00:00", "00:05:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);
}
