namespace MbcFhirEdu.Fhir.Smart;

/// <summary>Why a SMART step did not succeed. Expected failures are values, not exceptions.</summary>
public enum SmartErrorCode
{
    /// <summary>The <c>iss</c> is not on the allow-list (nothing was fetched).</summary>
    UnknownIssuer,
    /// <summary>The request lacked something the flow needs (launch id, code, browser binding).</summary>
    InvalidRequest,
    /// <summary>Neither .well-known/smart-configuration nor the CapabilityStatement gave usable endpoints.</summary>
    DiscoveryFailed,
    /// <summary>An endpoint the server advertised is not on an allowed origin.</summary>
    EndpointNotAllowed,
    /// <summary>The server does not offer PKCE S256.</summary>
    PkceUnsupported,
    /// <summary>No launch with this state is pending.</summary>
    StateUnknown,
    /// <summary>The state was already used once.</summary>
    StateReplayed,
    /// <summary>The state is older than its lifetime.</summary>
    StateExpired,
    /// <summary>The state was issued to another browser session.</summary>
    BrowserMismatch,
    /// <summary>The token endpoint refused (its error text is in the message) or answered unusably.</summary>
    TokenError,
    /// <summary>The id_token failed validation.</summary>
    IdTokenInvalid,
    /// <summary>A patient launch ended without a patient in context.</summary>
    MissingPatientContext,
    /// <summary>No session exists for the id, or it has ended.</summary>
    SessionNotFound,
    /// <summary>The access token expired and cannot be refreshed.</summary>
    SessionExpired,
}

/// <summary>A failed SMART step: a code to branch on and a message safe to show (no tokens, no PHI).</summary>
public sealed record SmartError(SmartErrorCode Code, string Message);
