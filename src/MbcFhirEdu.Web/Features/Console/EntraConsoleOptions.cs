namespace MbcFhirEdu.Web.Features.Console;

/// <summary>
/// The console's Microsoft Entra ID app registration (<c>Entra:Console</c>), read by Microsoft.Identity.Web
/// (<c>AddMicrosoftIdentityWebApp</c>; the authority is <c>{Instance}{TenantId}/v2.0</c>). Listed here so the keys are
/// documented and checked at start; unset <see cref="ClientId"/> = the console is off (its pages say so).
/// A client certificate may replace the secret (Identity.Web's <c>Entra:Console:ClientCertificates</c>, docs/entra-id.md).
/// </summary>
public sealed class EntraConsoleOptions
{
    public const string SectionName = ConsoleAuthentication.SectionName;

    /// <summary>e.g. <c>https://login.microsoftonline.com/</c>; in Development the hosted sandbox's <c>{base}/sandbox/entra/</c>.</summary>
    public string? Instance { get; set; }

    /// <summary>The directory (tenant) id: only this tenant's users may sign in.</summary>
    public string? TenantId { get; set; }

    /// <summary>The console's application (client) id.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret for the code redemption (or a certificate, see the class remarks).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The redirect URI's path (register <c>{public base URL}{CallbackPath}</c> in Entra ID).</summary>
    public string CallbackPath { get; set; } = "/console/signin-oidc";

    /// <summary>Where Entra ID returns after sign-out (register it as the front-channel logout / post-logout redirect URI).</summary>
    public string SignedOutCallbackPath { get; set; } = "/console/signout-callback-oidc";

    /// <summary>Only false in Development: lets the metadata be read over http (the hosted sandbox on loopback).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>
    /// The origin of <see cref="Instance"/> (e.g. <c>https://login.microsoftonline.com</c>) when the console is configured:
    /// the console's pages let forms lead there (CSP <c>form-action</c>), because the sign-out form's answer redirects to
    /// Entra ID's end-session endpoint and Chrome applies <c>form-action</c> to the redirects that follow a form.
    /// </summary>
    public string? SignInOrigin => IsConfigured && Uri.TryCreate(Instance, UriKind.Absolute, out var instance) && instance.Scheme is "https" or "http"
        ? $"{instance.Scheme}://{instance.Authority}" // never user info: the value goes into a header
        : null;
}
