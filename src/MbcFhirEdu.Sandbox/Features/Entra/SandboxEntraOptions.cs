using System.ComponentModel.DataAnnotations;

namespace MbcFhirEdu.Sandbox.Features.Entra;

/// <summary>
/// The sandbox's Entra-shaped OpenID provider (<c>Sandbox:Entra</c>): TEST sign-in and tokens shaped like Microsoft
/// Entra ID v2.0, so Microsoft.Identity.Web runs unmodified against it with only <c>Instance</c>/<c>TenantId</c>
/// changed. Unset <see cref="TenantId"/> = the provider is off (404). Users and apps are named entries (not list
/// indexes), so a test or deployment adding one never merges into another.
/// </summary>
public sealed class SandboxEntraOptions
{
    public const string SectionName = "Sandbox:Entra";

    /// <summary>The directory (tenant) id, e.g. a GUID; its issuer is <c>{sandbox}/entra/{TenantId}/v2.0</c>.</summary>
    public string? TenantId { get; set; }

    /// <summary>More tenants served with the same users and apps: a token from one of them is a "wrong tenant" token
    /// for an API configured for <see cref="TenantId"/>.</summary>
    public List<string> OtherTenantIds { get; set; } = [];

    /// <summary>PEM file of this issuer's RSA key (not the SMART sandbox's); created when missing. Empty: generated at start.</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>Test users who can sign in, by any name.</summary>
    public Dictionary<string, SandboxEntraUser> Users { get; set; } = [];

    /// <summary>App registrations (clients and APIs), by any name.</summary>
    public Dictionary<string, SandboxEntraApp> Apps { get; set; } = [];

    [Range(60, 86_400)]
    public int TokenLifetimeSeconds { get; set; } = 3600;

    [Range(5, 600)]
    public int AuthorizationCodeLifetimeSeconds { get; set; } = 120;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(TenantId);
}
