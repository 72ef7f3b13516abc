namespace MbcFhirEdu.Web.Features.Launch;

/// <summary>Plain words for the OAuth 2.0 error codes (RFC 6749 §4.1.2.1) an authorization server may send back.</summary>
internal static class OAuthErrors
{
    public static (string Code, string Message) Describe(string error) => error switch
    {
        "access_denied" => (error, "Access to your health record was not allowed, so the app cannot show your materials."),
        "invalid_scope" => (error, "The health record did not agree to share what the app asked for."),
        "login_required" or "interaction_required" or "consent_required" => (error, "The health record needs you to sign in again."),
        "temporarily_unavailable" or "server_error" => (error, "The health record could not finish the sign-in right now."),
        "invalid_request" or "unauthorized_client" or "unsupported_response_type" or "invalid_client" =>
            (error, "The health record did not accept how the app asked to sign in."),
        // Never echo an unknown code into logs: it is free text from the query string.
        _ => ("other", "The health record ended the sign-in with an error."),
    };
}
