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

    /// <summary>The accepted <c>aud</c> when not the default (v2.0 tokens: the client id; v1.0: <c>api://{ClientId}</c>).</summary>
    public string? Audience { get; set; }

    /// <summary>Several accepted <c>aud</c> values, e.g. the client id and a custom Application ID URI <c>api://mbcfhiredu</c>.</summary>
    public List<string> Audiences { get; set; } = [];

    /// <summary>False only in Development or with a loopback <see cref="Instance"/>: lets JwtBearer read the metadata over
    /// http (a sandbox on this machine). Identity.Web's issuer validator still reads it over https only, so an http
    /// instance also needs <c>Entra:Api:TokenValidationParameters:ValidIssuer</c> (docs/entra-id.md).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Always false here: a token must carry <c>roles</c> or <c>scp</c> (Identity.Web's own check).</summary>
    public bool AllowWebApiToBeAuthorizedByACL { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId);
}
