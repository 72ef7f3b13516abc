using MbcFhirEdu.Fhir.Smart;

namespace MbcFhirEdu.Fhir.Http;

/// <summary>Which FHIR server to call and what authorises the calls.</summary>
/// <param name="BaseUrl">The FHIR base (the session's normalised issuer, or a CDS Hooks request's allow-listed <c>fhirServer</c>).</param>
/// <param name="SessionId">The token session id: a secret like a cookie, so it is kept out of <see cref="ToString"/>.</param>
/// <param name="BearerToken">
/// A token handed to us for this call only (CDS Hooks 2.0 <c>fhirAuthorization.access_token</c>): used as is, never
/// refreshed, never stored. When set, <paramref name="SessionId"/> is not used to look a token up.
/// </param>
public sealed record FhirConnection(Uri BaseUrl, string SessionId, string? BearerToken = null)
{
    /// <summary>
    /// Where this connection's tokens come from, when not the app's default (<see cref="IAccessTokenSource"/>, the
    /// SMART session provider): e.g. SMART Backend Services for server-to-server sends. <see cref="SessionId"/> is
    /// the key it is asked with.
    /// </summary>
    public IAccessTokenSource? TokenSource { get; init; }

    public static FhirConnection For(string sessionId, SmartSession session) => new(session.Issuer, sessionId);

    /// <summary>A server-to-server connection: SMART Backend Services tokens for <paramref name="baseUrl"/>.</summary>
    public static FhirConnection ForBackend(Uri baseUrl, BackendServicesTokenSource tokens) =>
        new(baseUrl, baseUrl.AbsoluteUri) { TokenSource = tokens };
    /// <summary>A connection authorised by a caller-supplied bearer token alone (no stored session).</summary>
    public static FhirConnection WithBearer(Uri baseUrl, string bearerToken) => new(baseUrl, "", bearerToken);

    public override string ToString() => $"FhirConnection {{ BaseUrl = {BaseUrl} }}";
}
