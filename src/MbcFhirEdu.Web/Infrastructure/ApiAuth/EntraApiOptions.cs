namespace MbcFhirEdu.Web.Infrastructure.ApiAuth;

/// <summary>
/// The API's Microsoft Entra ID registration (<c>Entra:Api</c>), read by Microsoft.Identity.Web
/// (<c>AddMicrosoftIdentityWebApi</c>): the authority is <c>{Instance}{TenantId}/v2.0</c>. Unset <see cref="ClientId"/> =
/// the API is off (every /api call answers 401). Listed here so the keys are documented and checked at start.
/// </summary>
public sealed class EntraApiOptions
{
    public const string SectionName = "Entra:Api";

    /// <summary>e.g. <c>https://login.microsoftonline.com/</c>; in Development the hosted sandbox's <c>{base}/sandbox/entra/</c>.</summary>
    public string? Instance { get; set; }

    /// <summary>The directory (tenant) id; only tokens of this tenant are accepted.</summary>
    public string? TenantId { get; set; }

    /// <summary>The API's application (client) id: the <c>aud</c> of v2.0 access tokens for it.</summary>
    public string? ClientId { get; set; }

    /// <summary>Another accepted <c>aud</c>, e.g. the Application ID URI <c>api://mbcfhiredu</c> (v1.0 tokens carry it).</summary>
    public string? Audience { get; set; }

    /// <summary>Only false in Development: lets the metadata be read over http (the hosted sandbox on loopback).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Always false here: a token must carry <c>roles</c> or <c>scp</c> (Identity.Web's own check).</summary>
    public bool AllowWebApiToBeAuthorizedByACL { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId);
}
