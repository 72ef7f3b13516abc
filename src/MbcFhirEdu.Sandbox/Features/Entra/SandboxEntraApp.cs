namespace MbcFhirEdu.Sandbox.Features.Entra;

/// <summary>
/// An app registration (<c>Sandbox:Entra:Apps:{name}</c>): as a client it has credentials, redirect URIs and the
/// application permissions (app roles on an API) granted to it; as an API it has an App ID URI, the app roles it
/// defines and the delegated scopes it exposes.
/// </summary>
public sealed class SandboxEntraApp
{
    /// <summary>The application (client) id, e.g. a GUID; the <c>aud</c> of v2.0 access tokens for this API.</summary>
    public string ClientId { get; set; } = "";

    public string? Name { get; set; }

    /// <summary>Client secret (client_secret_post or client_secret_basic), at least 16 characters.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Public keys (JWKS JSON text) for private_key_jwt client assertions.</summary>
    public string? Jwks { get; set; }

    /// <summary>Exact redirect URIs (a loopback host may use <c>:*</c> as the port).</summary>
    public List<string> RedirectUris { get; set; } = [];

    /// <summary>The Application ID URI, e.g. <c>api://mbcfhiredu</c>: scopes are asked as <c>{AppIdUri}/{scope}</c> or <c>{AppIdUri}/.default</c>.</summary>
    public string? AppIdUri { get; set; }

    /// <summary>App roles this app defines, e.g. <c>Education.Read</c>; tokens for it carry only these roles.</summary>
    public List<string> AppRoles { get; set; } = [];

    /// <summary>Delegated scopes this API exposes, e.g. <c>Education.Read</c> (in <c>scp</c> when a user's client asks).</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>Application permissions granted to this app as a client: app roles of the API it calls (client_credentials).</summary>
    public List<string> AssignedRoles { get; set; } = [];

    internal bool IsConfidential => !string.IsNullOrEmpty(ClientSecret) || !string.IsNullOrWhiteSpace(Jwks);
}
