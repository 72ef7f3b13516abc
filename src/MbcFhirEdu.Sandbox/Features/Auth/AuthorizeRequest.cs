namespace MbcFhirEdu.Sandbox.Features.Auth;

/// <summary>The query of an authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3, SMART App Launch 2.2 §"Request authorization").</summary>
internal sealed record AuthorizeRequest(
    string? ResponseType, string? ClientId, string? RedirectUri, string? Scope, string? State, string? Aud,
    string? Launch, string? CodeChallenge, string? CodeChallengeMethod, string? Nonce, string? Pick, string? PickPatient)
{
    /// <summary>Parameters echoed into the patient picker's form, so submitting it repeats the request.</summary>
    public static readonly IReadOnlyList<string> OAuthParameters =
        ["response_type", "client_id", "redirect_uri", "scope", "state", "aud", "launch", "code_challenge", "code_challenge_method", "nonce"];

    public static AuthorizeRequest From(IQueryCollection q) => new(
        q["response_type"], q["client_id"], q["redirect_uri"], q["scope"], q["state"], q["aud"], q["launch"],
        q["code_challenge"], q["code_challenge_method"], q["nonce"], q["sandbox_pick"], q["sandbox_patient"]);
}
