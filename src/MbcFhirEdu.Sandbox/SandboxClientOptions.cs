namespace MbcFhirEdu.Sandbox;

/// <summary>How a client authenticates at the token endpoint (SMART App Launch 2.2, "Client Authentication").</summary>
public enum SandboxClientType
{
    /// <summary>No client secret; PKCE only.</summary>
    Public,
    /// <summary><c>client_secret_basic</c>.</summary>
    ConfidentialSymmetric,
    /// <summary><c>private_key_jwt</c> against a registered JWKS; may use <c>client_credentials</c>.</summary>
    ConfidentialAsymmetric,
}

/// <summary>One registered client (<c>Sandbox:Clients:N</c>).</summary>
public sealed class SandboxClientOptions
{
    public string ClientId { get; set; } = "";

    public string? Name { get; set; }

    public SandboxClientType Type { get; set; } = SandboxClientType.Public;

    /// <summary>For <see cref="SandboxClientType.ConfidentialSymmetric"/>.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>JWKS (JSON text) with the public keys of a <see cref="SandboxClientType.ConfidentialAsymmetric"/> client.</summary>
    public string? Jwks { get; set; }

    /// <summary>Alternative to <see cref="Jwks"/>: a file holding the JWKS.</summary>
    public string? JwksFile { get; set; }

    /// <summary>Alternative to <see cref="Jwks"/>: the client's JWKS URL (SMART Backend Services registration by
    /// <c>jwks_uri</c>), fetched when an assertion arrives and cached for five minutes.</summary>
    public string? JwksUrl { get; set; }

    /// <summary>Exact redirect URIs. A loopback host may use <c>:*</c> as the port (e.g. <c>http://127.0.0.1:*/callback</c>).</summary>
    public List<string> RedirectUris { get; set; } = [];

    /// <summary>App launch URLs the sandbox may redirect an EHR or portal launch to (same wildcard rule).</summary>
    public List<string> LaunchUris { get; set; } = [];

    /// <summary>The most a client may be granted, e.g. <c>launch/patient openid fhirUser patient/*.rs</c>.</summary>
    public List<string> Scopes { get; set; } = [];
}
