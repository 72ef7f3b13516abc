namespace MbcFhirEdu.Fhir.Smart;

/// <summary>
/// What the app remembers between the authorize redirect and the callback (SMART App Launch 2.2 §2.1 "Obtain
/// authorization code": <c>state</c>, PKCE <c>code_verifier</c>). Kept only on the server, keyed by <see cref="State"/>.
/// </summary>
public sealed record LaunchState
{
    /// <summary>The <c>state</c> parameter: 256 random bits, base64url.</summary>
    public required string State { get; init; }
    public required string CodeVerifier { get; init; }
    public required string Nonce { get; init; }
    public required Uri Issuer { get; init; }
    public required SmartLaunchMode Mode { get; init; }
    public required Uri AuthorizationEndpoint { get; init; }
    public required Uri TokenEndpoint { get; init; }
    public Uri? JwksUri { get; init; }
    public string? OpenIdIssuer { get; init; }
    public required IReadOnlyList<string> RequestedScopes { get; init; }
    /// <summary>True when the scopes were written in v2 syntax (<c>.rs</c>), false for v1 (<c>.read</c>).</summary>
    public bool ScopesV2 { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    /// <summary>SHA-256 of the browser binding (a cookie value): the state is only valid in the browser that started it.</summary>
    public required string BrowserBindingHash { get; init; }

    // Records print every member; the verifier and nonce are secrets and must never reach a log.
    public override string ToString() => $"LaunchState {{ Issuer = {Issuer}, Mode = {Mode}, CreatedAt = {CreatedAt:O} }}";
}
